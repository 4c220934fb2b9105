"""Indicator values from an OHID Fingertips export (the Public Health Outcomes Framework data tool).

A Fingertips CSV holds many areas, sexes, ages and breakdowns. One series is
kept: the board's area, one sex, one age, no breakdown category, with the
England row of the same period as the comparator.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ENGLAND = "E92000001"
COLUMNS = ("Indicator ID", "Area Code", "Sex", "Age", "Time period", "Value",
           "Lower CI 95.0 limit", "Upper CI 95.0 limit")


class FingertipsError(Exception):
    """The export cannot give the series asked for; the message says why."""


@dataclass
class Imported:
    rows: list[dict] = field(default_factory=list)      # period, value, lower_ci, upper_ci, comparator
    skipped: Counter = field(default_factory=Counter)   # reason -> rows
    missing_values: list[str] = field(default_factory=list)


def read_fingertips(path: Path, area: str, fingertips_id: str | None = None, sex: str | None = None,
                    age: str | None = None) -> Imported:
    """The area's series; a sex or age left out is the only one the area has (Persons when there are
    several and Persons is one of them), else the choices are listed."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise FingertipsError(f"{path.name} is not a Fingertips export: it lacks {', '.join(missing) or 'rows'}")
    result = Imported()
    indicators = sorted({r["Indicator ID"] for r in rows})
    if fingertips_id is None:
        if len(indicators) > 1:
            raise FingertipsError(f"the file holds indicators {', '.join(indicators)}: choose one with --fingertips-id")
        fingertips_id = indicators[0]
    kept = []
    for row in rows:
        if row["Indicator ID"] != fingertips_id:
            result.skipped["other indicators"] += 1
        elif row["Area Code"] not in (area, ENGLAND):
            result.skipped["other areas"] += 1
        elif (row.get("Category Type") or "").strip():
            result.skipped["breakdowns by category"] += 1
        else:
            kept.append(row)
    areas = [r for r in kept if r["Area Code"] == area]
    if not areas:
        raise FingertipsError(f"no rows for area {area} in indicator {fingertips_id}")
    sex = _choose("sex", sex, sorted({r["Sex"] for r in areas}), "--sex", preferred="Persons")
    result.skipped["other sexes"] += sum(r["Sex"] != sex for r in kept)
    kept = [r for r in kept if r["Sex"] == sex]
    age = _choose("age", age, sorted({r["Age"] for r in kept if r["Area Code"] == area}), "--age")
    series = [r for r in kept if r["Age"] == age]
    result.skipped["other ages"] += len(kept) - len(series)
    england = {r["Time period"]: r["Value"] for r in series if r["Area Code"] == ENGLAND}
    area_rows = [r for r in series if r["Area Code"] == area]
    area_rows.sort(key=lambda r: r.get("Time period Sortable") or r["Time period"])
    result.skipped["England rows, used as the comparator"] += len(england)
    for row in area_rows:
        if not row["Value"].strip():
            result.missing_values.append(row["Time period"])
        result.rows.append({"period": row["Time period"], "value": row["Value"].strip(),
                            "lower_ci": row["Lower CI 95.0 limit"].strip(),
                            "upper_ci": row["Upper CI 95.0 limit"].strip(),
                            "comparator": (england.get(row["Time period"]) or "").strip()})
    return result


def _choose(what: str, asked: str | None, present: list[str], flag: str, preferred: str | None = None) -> str:
    if asked is not None:
        if asked not in present:
            raise FingertipsError(f"no rows for {what} {asked!r}: the area has {', '.join(present)}; "
                               f"choose one with {flag}")
        return asked
    if len(present) == 1:
        return present[0]
    if preferred in present:
        return preferred
    raise FingertipsError(f"the area's rows cover the {what} values {', '.join(present)}: choose one with {flag}")


def write_values(path: Path, imported: Imported) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_suffix(".csv.new")
    with staging.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["period", "value", "lower_ci", "upper_ci", "comparator"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(imported.rows)
    staging.replace(path)
