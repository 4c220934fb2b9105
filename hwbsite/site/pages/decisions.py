"""The register of decisions, and each decision's page: what was decided, its citation and its later life."""

from __future__ import annotations

from hwbsite import words
from hwbsite.model import Decision
from hwbsite.model.urls import decision_data_url, decision_url
from hwbsite.site.linked_data import decision_citation
from hwbsite.site.pages.common import Page, View, meeting_title, paper_row, priority_link


def pages(view: View) -> list[Page]:
    return [index(view)] + [decision(view, d) for d in view.board.decisions.values()]


def index(view: View) -> Page:
    b = view.board
    rows = [view.row(d) for d in reversed(b.decisions_in_order)]
    years = sorted({r["year"] for r in rows}, reverse=True)
    context = {"rows": rows, "years": years, "outcomes": list(words.OUTCOMES.items()),
               "priorities": [priority_link(b, p) for p in b.priorities]}
    return Page("decisions/", "decisions.html", "Decisions",
                "The register of every decision of the board, with its reference.", context)


def decision(view: View, decision: Decision) -> Page:
    b = view.board
    item = b.item(decision)
    citation = decision_citation(b, decision)
    context = view.row(decision) | {
        "board": b.info, "meeting_title": meeting_title(b.meeting_of(decision)),
        "item_number": item.number,
        "papers": [paper_row(p) for p in item.papers if p.public],
        "citation": citation, "data_url": decision_data_url(decision.id),
    } | life(view, decision)
    return Page(decision_url(decision.id), "decision.html", f"Decision {decision.reference}", decision.text, context,
                {"meta": citation["meta"], "jsonld": citation["jsonld"], "lastmod": b.last_changed(decision)},
                record=True)


def life(view: View, decision: Decision) -> dict:
    """Its current state, its history, what it replaced and what replaced it, and its topic's story."""
    b = view.board
    later = b.superseded_by(decision.id)
    if later:
        state = "Superseded by " + ", ".join(d.reference for d in later)
    elif decision.updates:
        state = words.UPDATES[decision.updates[-1]["status"]]
    else:
        state = words.OUTCOMES[decision.outcome]
    return {
        "state": state,
        "history": [{"date": words.short_date(u["date"]), "iso": u["date"].isoformat(),
                     "status": words.UPDATES[u["status"]], "note": u["note"]} for u in decision.updates],
        "corrections": [{"date": words.short_date(c["date"]), "iso": c["date"].isoformat(), "note": c["note"],
                         "previous": c["previous"]} for c in decision.corrections],
        "supersedes": view.row(b.decisions[decision.supersedes]) if decision.supersedes else None,
        "superseded_by": [view.row(d) for d in later],
        "topic": decision.topic,
        "topic_history": ([view.row(d) | {"current": d.id == decision.id}
                           for d in b.on_topic(decision.topic)] if decision.topic else []),
    }
