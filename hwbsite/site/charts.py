"""An indicator drawn as an inline SVG: geometry and markup, beside the assessment it illustrates."""

from __future__ import annotations

from markupsafe import Markup, escape

from hwbsite.model import Assessment, Indicator

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 48, 24, 44


def chart(indicator: Indicator, assessment: Assessment) -> Markup:
    """An inline SVG of the series: values with their confidence intervals, and England.

    It can be read without colour (England is dashed, with square markers; the key is in the page)
    and carries a title and description; the data table beside it gives every number.
    """
    points = [v for v in indicator.values if v["value"] is not None]
    if not points:
        return Markup("")
    numbers = [float(v[k]) for v in points for k in ("value", "lower_ci", "upper_ci", "comparator")
               if v[k] is not None]
    low, high = _nice_range(min(numbers), max(numbers))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + (i * step if len(points) > 1 else plot_w / 2), 1)

    def y(value) -> float:
        return round(TOP + plot_h - (float(value) - low) / (high - low) * plot_h, 1)

    ident = f"chart-{indicator.id}"
    unit = f" ({indicator.unit})" if indicator.unit else ""
    parts = [f'<svg class="hwb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-title">{escape(indicator.title)}{escape(unit)}</title>',
             f'<desc id="{ident}-desc">{escape(assessment.sentence)} The table after the chart gives every '
             f'value.</desc>']
    for tick in _ticks(low, high):
        parts.append(f'<line class="hwb-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>')
        parts.append(f'<text class="hwb-chart__tick" x="{LEFT - 8}" y="{y(tick) + 5}" text-anchor="end">'
                     f'{_format(tick)}</text>')
    for i, v in enumerate(points):
        parts.append(f'<text class="hwb-chart__tick" x="{x(i)}" y="{HEIGHT - BOTTOM + 30}" '
                     f'text-anchor="middle">{escape(v["period"])}</text>')
        if v["lower_ci"] is not None and v["upper_ci"] is not None:
            parts.append(f'<line class="hwb-chart__ci" x1="{x(i)}" x2="{x(i)}" y1="{y(v["lower_ci"])}" '
                         f'y2="{y(v["upper_ci"])}"/>')
    england = [(x(i), y(v["comparator"])) for i, v in enumerate(points) if v["comparator"] is not None]
    if england:
        parts.append('<polyline class="hwb-chart__england" points="'
                     + " ".join(f"{px},{py}" for px, py in england) + '"/>')
        parts += [f'<rect class="hwb-chart__england-point" x="{px - 4}" y="{py - 4}" width="8" height="8"/>'
                  for px, py in england]
    parts.append('<polyline class="hwb-chart__area" points="'
                 + " ".join(f"{x(i)},{y(v['value'])}" for i, v in enumerate(points)) + '"/>')
    parts += [f'<circle class="hwb-chart__point" cx="{x(i)}" cy="{y(v["value"])}" r="5" '
              f'data-value="{v["value"]}"/>' for i, v in enumerate(points)]
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice_range(low: float, high: float) -> tuple[float, float]:
    if high == low:
        high, low = high + 1, low - 1
    span = high - low
    step = _step(span)
    return (low // step) * step - (step if low % step == 0 and low > 0 else 0), -(-high // step) * step


def _step(span: float) -> float:
    for candidate in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if span / candidate <= 5:
            return candidate
    return 10 ** len(str(int(span)))


def _ticks(low: float, high: float) -> list[float]:
    step = _step(high - low)
    ticks, value = [], low
    while value <= high + 1e-9:
        ticks.append(round(value, 6))
        value += step
    return ticks


def _format(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
