"""What the board plans to consider, and the groups that work for it."""

from __future__ import annotations

from hwbsite import words
from hwbsite.site.markup import render_markdown
from hwbsite.site.pages.common import Page, View, person_link, plan_row


def pages(view: View) -> list[Page]:
    return [forward_plan(view), groups(view)]


def forward_plan(view: View) -> Page:
    return Page("forward-plan/", "forward-plan.html", "Forward plan",
                "What the board plans to consider at future meetings.",
                {"rows": [plan_row(view.board, p) for p in view.board.forward_plan]})


def groups(view: View) -> Page:
    rows = [{"id": g.id, "name": g.name, "kind": words.GROUP_KINDS[g.kind], "chair": person_link(g.chair),
             "remit": render_markdown(g.remit), "start": words.short_date(g.start) if g.start else None,
             "end": words.short_date(g.end) if g.end else None} for g in view.board.groups]
    return Page("groups/", "groups.html", "Groups",
                "The board's sub-groups and task and finish groups.",
                {"current": [r for r in rows if not r["end"]], "past": [r for r in rows if r["end"]]})
