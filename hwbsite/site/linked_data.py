"""The board's record as data files people and programs can cite and reuse."""

from __future__ import annotations

import json

from hwbsite.model import Board, Decision
from hwbsite.model.urls import absolute, decision_data_url, decision_url, item_url, meeting_url, priority_url


def decision_data(board: Board, decision: Decision) -> dict:
    item = board.item(decision)
    meeting = board.meeting_by_id[decision.meeting_id]
    return {
        "id": decision.id,
        "reference": decision.reference,
        "board": board.info["name"],
        "text": decision.text,
        "outcome": decision.outcome,
        "vote": ({"for": decision.vote_for, "against": decision.vote_against, "abstain": decision.vote_abstain,
                  "casting_vote": decision.casting_vote} if decision.voted else None),
        "meeting": {"id": meeting.id, "date": meeting.start.date().isoformat(), "path": meeting_url(meeting.id)},
        "item": {"number": item.number, "title": item.title, "path": item_url(meeting.id, item.number)},
        "priorities": [{"id": p, "path": priority_url(p)} for p in item.priorities],
        "papers": [{"title": p.title, "path": p.file} if p.file else {"title": p.title, "url": p.url}
                   for p in item.papers if p.public],
        "topic": decision.topic,
        "supersedes": decision.supersedes,
        "superseded_by": [d.id for d in board.superseded_by(decision.id)],
        "updates": [{"date": u["date"].isoformat(), "status": u["status"], "note": u["note"]}
                    for u in decision.updates],
        "corrections": [{"date": c["date"].isoformat(), "note": c["note"], "previous": c["previous"]}
                        for c in decision.corrections],
        "path": decision_url(decision.id),
    }


def decision_records(board: Board) -> dict[str, str]:
    """decisions/<id>.json for every decision: the decision as data, beside its page."""
    return {decision_data_url(d.id): json.dumps(decision_data(board, d), indent=2, ensure_ascii=False) + "\n"
            for d in board.decisions.values()}


def decision_citation(board: Board, decision: Decision) -> dict:
    """What a reader needs to cite a decision, and the same as metadata for reference managers."""
    item = board.item(decision)
    meeting = board.meeting_by_id[decision.meeting_id]
    day = meeting.start.date()
    url = absolute(board, decision_url(decision.id))
    title = f"Decision {decision.reference}: {item.title}"
    text = (f"{board.info['name']} ({day.year}) {title}. Meeting of {day.day} {day:%B %Y}."
            + (f" Available at: {url}" if url else "") + " (Accessed: [date you accessed it]).")
    council = board.organisations.get(board.info.get("council") or "")
    meta = [("citation_title", title), ("citation_author", board.info["name"]),
            ("citation_publication_date", f"{day:%Y/%m/%d}"), ("DC.title", title),
            ("DC.creator", board.info["name"]), ("DC.date", day.isoformat()),
            ("DC.identifier", decision.reference), ("DC.type", "Text")]
    if council:
        meta += [("citation_publisher", council.name), ("DC.publisher", council.name)]
    if url:
        meta += [("citation_public_url", url)]
    organiser = {"@type": "GovernmentOrganization", "name": board.info["name"]}
    if board.info.get("site_url"):
        organiser["url"] = board.info["site_url"]
    jsonld = {"@context": "https://schema.org", "@type": "CreativeWork", "name": title,
              "identifier": decision.reference, "text": decision.text, "dateCreated": day.isoformat(),
              "creator": organiser, "inLanguage": "en-GB",
              "isPartOf": {"@type": "Event", "name": f"Meeting of the {board.info['name']}",
                           "startDate": meeting.start.isoformat(),
                           **({"url": absolute(board, meeting_url(meeting.id))} if url else {})},
              "about": [board.priorities[p].title for p in item.priorities]}
    if url:
        jsonld["url"] = url
    return {"title": title, "text": text, "url": url, "meta": meta, "jsonld": jsonld}


def script_json(data: dict) -> str:
    """JSON safe to place inside a <script> element: no character can close it."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


EVENT_STATUS = {"scheduled": "EventScheduled", "held": "EventScheduled", "cancelled": "EventCancelled",
                "postponed": "EventPostponed"}


def organisation_jsonld(board: Board) -> dict:
    info = board.info
    data = {"@context": "https://schema.org", "@type": "GovernmentOrganization", "name": info["name"]}
    for key, value in (("url", info.get("site_url")), ("email", info.get("contact_email")),
                       ("telephone", info.get("contact_phone")), ("address", info.get("contact_address")),
                       ("areaServed", info.get("area"))):
        if value:
            data[key] = value
    council = board.organisations.get(info.get("council") or "")
    if council:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": council.name,
                                      **({"url": council.website} if council.website else {})}
    return data


def meeting_jsonld(board: Board, meeting, title: str, moved: bool) -> dict:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(board.info["timezone"])
    status = "EventRescheduled" if moved and meeting.status in ("scheduled", "held") else EVENT_STATUS[meeting.status]
    data = {"@context": "https://schema.org", "@type": "Event", "name": title,
            "startDate": meeting.start.replace(tzinfo=zone).isoformat(),
            "eventStatus": f"https://schema.org/{status}",
            "eventAttendanceMode": "https://schema.org/" + (
                "MixedEventAttendanceMode" if meeting.webcast else "OfflineEventAttendanceMode"),
            "location": [{"@type": "Place", "name": meeting.venue or board.info["name"],
                          "address": meeting.venue or board.info.get("contact_address") or ""}],
            "organizer": {k: v for k, v in organisation_jsonld(board).items() if k != "@context"},
            "isAccessibleForFree": True}
    if meeting.end:
        data["endDate"] = meeting.end.replace(tzinfo=zone).isoformat()
    if meeting.webcast:
        data["location"].append({"@type": "VirtualLocation", "url": meeting.webcast})
    url = absolute(board, meeting_url(meeting.id))
    if url:
        data["url"] = url
    return data
