"""The Joint Local Health and Wellbeing Strategy, and each priority with its indicators and decisions."""

from __future__ import annotations

from hwbsite import words
from hwbsite.model import Indicator, Priority, assess
from hwbsite.model.urls import item_url, priority_url
from hwbsite.site.charts import chart
from hwbsite.site.markup import render_markdown
from hwbsite.site.pages.common import (Page, View, meeting_row, person_link, plan_row,
                                       priority_status)
from hwbsite.site.pages.transparency import jsna_chapters


def pages(view: View) -> list[Page]:
    return [index(view)] + [priority(view, p) for p in view.board.priorities.values()]


def index(view: View) -> Page:
    b, s = view.board, view.board.strategy
    context = {"strategy": None, "priorities": [], "jsna": []}
    if s:
        context = {
            "strategy": {"title": s.title, "start": words.short_date(s.start), "end": words.short_date(s.end),
                         "vision": render_markdown(s.vision),
                         "document": s.document.file if s.document else None,
                         "document_size": words.file_size(s.document.size) if s.document else "",
                         "adopted_by": view.row(b.decisions[s.adopted_by]) if s.adopted_by else None},
            "priorities": [{"title": p.title, "url": priority_url(p.id), "summary": render_markdown(p.summary),
                            "lead": person_link(p.lead), "status": priority_status(p),
                            "decisions": len(b.decisions_for(p.id))}
                           for p in b.priorities.values()],
            "jsna": jsna_chapters(b, view.today),
        }
    return Page("strategy/", "strategy.html", s.title if s else "Strategy",
                "The Joint Local Health and Wellbeing Strategy: vision, priorities and progress.", context)


def priority(view: View, priority: Priority) -> Page:
    b = view.board
    decisions = sorted(b.decisions_for(priority.id), key=b.taken, reverse=True)
    items = [{"title": i.title, "url": item_url(i.meeting_id, i.number),
              "meeting": meeting_row(b.meeting_by_id[i.meeting_id])}
             for i in reversed(b.items_for(priority.id))]
    context = {
        "summary": render_markdown(priority.summary), "lead": person_link(priority.lead),
        "outcomes": list(priority.outcomes),
        "indicators": [indicator_view(i) for i in priority.indicators],
        "status": priority_status(priority),
        "decisions": [view.row(d) for d in decisions], "items": items,
        "planned": [plan_row(b, p) for p in b.forward_plan if priority.id in p.priorities],
        "board_area": b.info.get("area") or "The area",
    }
    return Page(priority_url(priority.id), "priority.html", priority.title,
                f"{priority.title}: outcomes, indicators and the board's decisions.", context, record=True)


def indicator_view(indicator: Indicator) -> dict:
    assessment = assess(indicator)
    return {"id": indicator.id, "title": indicator.title, "unit": indicator.unit or "",
            "better": indicator.better, "source": indicator.source, "source_url": indicator.source_url,
            "values": list(indicator.values), "sentence": assessment.sentence,
            "compared": assessment.compared, "trend": assessment.trend, "chart": chart(indicator, assessment)}
