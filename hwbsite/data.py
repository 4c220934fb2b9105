"""The board's record as data files people and programs can cite and reuse."""

from __future__ import annotations

import json

from .model import Board, Decision
from .urls import decision_data_url, decision_url, item_url, meeting_url, priority_url


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
        "path": decision_url(decision.id),
    }


def decision_records(board: Board) -> dict[str, str]:
    """decisions/<id>.json for every decision: the decision as data, beside its page."""
    return {decision_data_url(d.id): json.dumps(decision_data(board, d), indent=2, ensure_ascii=False) + "\n"
            for d in board.decisions.values()}
