"""The record's tables: their names, their Frictionless schemas (hwbsite/schemas/), and which are published.

Every stage reads the list from here: the reader fills these tables, the checks type them by their schemas,
and the open data package publishes all but the site's own settings.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"      # ids: lower case words joined by hyphens

TABLES = (
    "board", "closure_days", "redirects", "withdrawn", "organisations", "people", "memberships", "meetings", "items", "item_priorities",
    "papers", "decisions", "decision_updates", "decision_corrections", "attendance", "declarations", "strategy", "priorities",
    "priority_outcomes", "priority_indicators", "jsna", "indicators", "indicator_values",
    "forward_plan", "forward_plan_priorities", "groups",
)
# The site's own settings, read from board.yml: used to build the site, never published as data.
NOT_PUBLISHED = ("redirects", "withdrawn")
PUBLISHED = tuple(name for name in TABLES if name not in NOT_PUBLISHED)


@cache
def schema_descriptor(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
