"""Whether an indicator shows the strategy making a difference, said honestly.

Compared with England: "similar" when England's value lies inside the area's
95% confidence interval, better or worse only when it lies outside. The trend
compares the first and last of the recent values the same way: a change is
claimed only when their confidence intervals do not overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hwbsite.model.entities import Indicator

RECENT = 5          # values the trend looks back over


@dataclass(frozen=True)
class Assessment:
    compared: str | None      # better | similar | worse | higher | lower, against England
    trend: str | None         # improving | worsening | no clear change | rising | falling
    latest_period: str | None
    latest_value: Decimal | None
    comparator: Decimal | None

    @property
    def sentence(self) -> str:
        if self.latest_value is None:
            return "No value has been published yet."
        parts = [f"Latest value {_number(self.latest_value)} ({self.latest_period})"]
        if self.compared in ("better", "worse"):
            parts.append(f"{self.compared} than England ({_number(self.comparator)})")
        elif self.compared == "similar":
            parts.append(f"similar to England ({_number(self.comparator)})")
        elif self.compared in ("higher", "lower"):
            parts.append(f"{self.compared} than England ({_number(self.comparator)})")
        sentence = ", ".join(parts) + "."
        if self.trend:
            sentence += f" Over recent years: {self.trend}."
        return sentence


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


def assess(indicator: Indicator) -> Assessment:
    values = [v for v in indicator.values if v["value"] is not None]
    if not values:
        return Assessment(None, None, None, None, None)
    latest = values[-1]
    comparator = latest["comparator"]
    compared = None
    if comparator is not None:
        if latest["lower_ci"] is not None and latest["upper_ci"] is not None:
            if latest["lower_ci"] <= comparator <= latest["upper_ci"]:
                compared = "similar"
            else:
                compared = _direction(indicator.better, latest["value"] > comparator)
        elif indicator.better == "neither":
            compared = "higher" if latest["value"] > comparator else "lower"
    recent = values[-RECENT:]
    trend = None
    if len(recent) >= 3:
        first, last = recent[0], recent[-1]
        if None in (first["lower_ci"], first["upper_ci"], last["lower_ci"], last["upper_ci"]):
            trend = None
        elif last["lower_ci"] > first["upper_ci"] or last["upper_ci"] < first["lower_ci"]:
            rising = last["value"] > first["value"]
            trend = {"better": "improving", "worse": "worsening"}.get(
                _direction(indicator.better, rising), "rising" if rising else "falling")
        else:
            trend = "no clear change"
    return Assessment(compared, trend, latest["period"], latest["value"], comparator)


def _direction(better: str, rising: bool) -> str:
    if better == "higher":
        return "better" if rising else "worse"
    if better == "lower":
        return "worse" if rising else "better"
    return "higher" if rising else "lower"
