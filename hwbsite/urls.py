"""The permanent addresses of a board's pages, as paths from the site's root."""

from __future__ import annotations


def meeting_url(meeting_id: str) -> str:
    return f"meetings/{meeting_id}/"


def item_url(meeting_id: str, number: str) -> str:
    return f"meetings/{meeting_id}/#item-{number}"


def decision_url(decision_id: str) -> str:
    return f"decisions/{decision_id}/"


def person_url(person_id: str) -> str:
    return f"members/{person_id}/"


def priority_url(priority_id: str) -> str:
    return f"strategy/{priority_id}/"
