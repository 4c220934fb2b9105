"""The home page: the next meeting, the latest decisions and the strategy's priorities."""

from __future__ import annotations

from hwbsite.model.urls import priority_url
from hwbsite.site.linked_data import organisation_jsonld
from hwbsite.site.markup import render_markdown
from hwbsite.site.pages.common import Page, View, meeting_detail, priority_status

LATEST_DECISIONS = 6


def pages(view: View) -> list[Page]:
    b = view.board
    nxt = view.upcoming[0] if view.upcoming else None
    latest = b.decisions_in_order
    context = {
        "board": b.info,
        "next": meeting_detail(view, nxt) if nxt else None,
        "latest": [view.row(d) for d in reversed(latest[-LATEST_DECISIONS:])],
        "priorities": [{"title": p.title, "url": priority_url(p.id), "summary": render_markdown(p.summary),
                        "status": priority_status(p)} for p in b.priorities.values()],
        "strategy_title": b.strategy.title if b.strategy else None,
    }
    return [Page("", "home.html", b.info["name"],
                 f"Meetings, decisions, members and strategy of the {b.info['name']}.", context,
                 {"jsonld": organisation_jsonld(b)})]
