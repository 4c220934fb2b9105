"""The board built from rows the schemas have typed, each reference resolved once."""

from __future__ import annotations

import os
from collections import defaultdict

from hwbsite.model.board import Board
from hwbsite.model.entities import (AgendaItem, Attendance, Decision, Declaration, ForwardPlanItem, Group, Indicator,
                                    Meeting, Membership, Organisation, Paper, Person, Priority, Strategy)
from hwbsite.model.urls import tidy_path
from hwbsite.record.tables import BoardFiles


def build_board(files: BoardFiles, typed: dict[str, list[dict]]) -> Board:
    """The board from its files' typed rows, once the schemas and rules have passed them."""
    t = typed
    content = files.content_dir
    meeting_files = {row["id"]: source.file for row, source in zip(files.tables["meetings"].rows,
                                                                    files.tables["meetings"].sources)}
    organisations = {r["id"]: Organisation(r["id"], r["name"], r["classification"], r["website"])
                     for r in t["organisations"]}
    people = {r["id"]: Person(r["id"], r["name"], organisations.get(r["organisation"]), r["job_title"])
              for r in t["people"]}
    memberships = tuple(Membership(people[r["person"]], r["seat"], r["role"], bool(r["voting"]), r["start"], r["end"])
                        for r in t["memberships"])

    def paper(file: str | None, url: str | None, title: str, public: bool) -> Paper:
        # A string, not a Path: a ten-year board has thousands of papers, and a save in the preview builds all.
        source = os.path.normpath(os.path.join(content, *file.split("/"))) if file else None
        return Paper(title, file, url, source, public, os.stat(source).st_size if source else None)

    def grouped(rows, *keys):
        groups = defaultdict(list)
        for row in rows:
            groups[tuple(row[k] for k in keys)].append(row)
        return groups

    decisions_by_item = grouped(t["decisions"], "meeting", "item")
    updates = grouped(t["decision_updates"], "decision")
    corrections = grouped(t["decision_corrections"], "decision")
    papers_by_item = grouped(t["papers"], "meeting", "item")
    priorities_by_item = grouped(t["item_priorities"], "meeting", "item")
    items_by_meeting = grouped(t["items"], "meeting")
    attendance_by_meeting = grouped(t["attendance"], "meeting")
    declarations_by_meeting = grouped(t["declarations"], "meeting")
    decisions: dict[str, Decision] = {}
    meetings = []
    board_row = t["board"][0]
    chair_of = {}
    for r in t["meetings"]:
        items = []
        for i in items_by_meeting[(r["id"],)]:
            key = (r["id"], i["number"])
            item_decisions = tuple(
                Decision(d["id"], d["text"], d["outcome"], d["vote_for"], d["vote_against"], d["vote_abstain"],
                         bool(d["casting_vote"]), r["id"], i["number"], d["topic"], d["supersedes"],
                         tuple(sorted(({"date": u["date"], "status": u["status"], "note": u["note"]}
                                       for u in updates[(d["id"],)]), key=lambda u: u["date"])),
                         tuple(sorted(({"date": c["date"], "note": c["note"], "previous": c["previous"]}
                                       for c in corrections[(d["id"],)]), key=lambda c: c["date"])))
                for d in decisions_by_item[key])
            decisions.update((d.id, d) for d in item_decisions)
            public = i["exempt"] is None
            items.append(AgendaItem(
                r["id"], i["number"], i["formerly"], i["title"], i["purpose"], i["exempt"], i["urgency"], i["minutes"],
                tuple(p["priority"] for p in priorities_by_item[key]),
                tuple(paper(p["file"], p["url"], p["title"], public) for p in papers_by_item[key]),
                item_decisions))
        day = r["start"].date()
        chairs = [m.person for m in memberships if m.role == "chair" and m.current_on(day)]
        chair_of[r["id"]] = people.get(r["chair"]) or (chairs[0] if chairs else None)
        meetings.append(Meeting(
            r["id"], r["kind"], r["start"], r["end"], r["venue"] or board_row["default_venue"], r["webcast"],
            r["status"], r["agenda_published"], r["minutes_published"], r["minutes_status"], chair_of[r["id"]],
            r["key_messages"],
            tuple(Attendance(people[a["person"]], a["status"], people.get(a["for"]))
                  for a in attendance_by_meeting[(r["id"],)]),
            tuple(Declaration(r["id"], people[d["person"]], d["item"], d["interest"], d["kind"], d["action"])
                  for d in declarations_by_meeting[(r["id"],)]),
            tuple(items), meeting_files.get(r["id"])))
    meetings.sort(key=lambda m: m.start)
    indicator_values = grouped(t["indicator_values"], "indicator")
    indicators = {r["id"]: Indicator(r["id"], r["title"], r["unit"], r["better"], r["source"], r["source_url"],
                                     tuple(indicator_values[(r["id"],)]))
                  for r in t["indicators"]}
    outcomes = grouped(t["priority_outcomes"], "priority")
    measured_by = grouped(t["priority_indicators"], "priority")
    priorities = {r["id"]: Priority(r["id"], r["title"], r["summary"], people.get(r["lead"]),
                                    tuple(o["text"] for o in sorted(outcomes[(r["id"],)], key=lambda o: o["position"])),
                                    tuple(indicators[x["indicator"]] for x in measured_by[(r["id"],)]))
                  for r in sorted(t["priorities"], key=lambda r: r["position"])}
    strategy = None
    if t["strategy"]:
        s = t["strategy"][0]
        strategy = Strategy(s["title"], s["start"], s["end"], s["adopted_by"],
                            paper(s["document"], None, s["title"], True) if s["document"] else None,
                            s["vision"], tuple(t["jsna"]))
    plan_priorities = grouped(t["forward_plan_priorities"], "position")
    forward_plan = tuple(ForwardPlanItem(r["title"], r["meeting"], r["purpose"], people.get(r["lead"]),
                                         tuple(p["priority"] for p in plan_priorities[(r["position"],)]))
                         for r in t["forward_plan"])
    groups = tuple(Group(r["id"], r["name"], r["kind"], people.get(r["chair"]), r["remit"], r["start"], r["end"])
                   for r in t["groups"])
    return Board(files.board_id, board_row, organisations, people, memberships, tuple(meetings),
                 decisions, priorities, strategy, indicators, forward_plan, groups,
                 {m.id: m for m in meetings}, frozenset(r["date"] for r in t["closure_days"]),
                 tuple((tidy_path(r["old"]), tidy_path(r["new"])) for r in t["redirects"]))
