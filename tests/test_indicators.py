"""Indicator status said honestly, and charts whose points match the data."""

import csv
from decimal import Decimal

from lxml import etree, html

from helpers import REPO
from hwbsite.model import assess
from hwbsite.model import Indicator

SVG = "{http://www.w3.org/2000/svg}"


def indicator(better, rows):
    values = tuple({"period": p, "value": Decimal(v), "lower_ci": Decimal(lo) if lo else None,
                    "upper_ci": Decimal(hi) if hi else None, "comparator": Decimal(c) if c else None}
                   for p, v, lo, hi, c in rows)
    return Indicator("x", "X", "%", better, None, None, values)


def test_overlapping_confidence_interval_is_similar_not_better():
    assert assess(indicator("lower", [("2023", "9.0", "8.0", "10.0", "9.5")])).compared == "similar"
    assert assess(indicator("lower", [("2023", "9.0", "8.0", "9.4", "9.5")])).compared == "better"
    assert assess(indicator("higher", [("2023", "9.0", "8.0", "9.4", "9.5")])).compared == "worse"
    assert assess(indicator("lower", [("2023", "9.0", None, None, "9.5")])).compared is None


def test_trend_is_claimed_only_when_intervals_part():
    rows = [("2019", "12", "11", "13", None), ("2020", "11.5", "10.5", "12.5", None), ("2021", "11", "10", "12", None)]
    assert assess(indicator("lower", rows)).trend == "no clear change"
    rows[-1] = ("2021", "9", "8.5", "9.5", None)
    assert assess(indicator("lower", rows)).trend == "improving"
    assert assess(indicator("higher", rows)).trend == "worsening"


def test_chart_points_match_the_data(example_site):
    page = html.parse(str(example_site / "strategy" / "best-start" / "index.html")).getroot()
    svg = etree.fromstring(etree.tostring(page.xpath("//*[local-name()='svg'][@role='img']")[0]))
    with open(REPO / "data/exampleshire/indicators/smoking-at-delivery.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["value"]]
    points = svg.findall(f".//{SVG}circle[@data-value]")
    assert [Decimal(p.get("data-value")) for p in points] == [Decimal(r["value"]) for r in rows]
    ys = [float(p.get("cy")) for p in points]
    values = [float(r["value"]) for r in rows]
    scale = (ys[0] - ys[-1]) / (values[0] - values[-1])
    assert scale < 0                                   # higher values are drawn higher up
    for y, value in zip(ys, values):
        assert abs((y - ys[0]) - scale * (value - values[0])) < 0.2
    labels = [t.text for t in svg.findall(f"{SVG}text") if "/" in (t.text or "")]
    assert labels == [r["period"] for r in rows]


def test_chart_has_an_accessible_name_and_description(example_site):
    page = html.parse(str(example_site / "strategy" / "best-start" / "index.html")).getroot()
    for svg in page.xpath("//*[local-name()='svg'][@role='img']"):
        title_id, desc_id = svg.get("aria-labelledby").split()
        title = svg.xpath(f".//*[@id='{title_id}']")[0].text_content()
        desc = svg.xpath(f".//*[@id='{desc_id}']")[0].text_content()
        assert title and "England" in desc
        table = svg.getparent().getnext()
        while table is not None and table.tag != "div":
            table = table.getnext()
        assert table is not None and table.find(".//table") is not None


def test_strategy_and_home_show_each_priority_at_a_glance(example_site):
    strategy = html.parse(str(example_site / "strategy" / "index.html")).getroot()
    lines = [p.text_content() for p in strategy.xpath("//p[strong='Progress:']")]
    assert len(lines) == 4 and all("indicators" in line for line in lines)
    home = html.parse(str(example_site / "index.html")).getroot()
    assert len([s for s in home.find_class("hwb-meta") if "than England" in s.text_content()
                or "similar to England" in s.text_content()]) >= 3


def test_stale_jsna_chapters_are_flagged_on_the_transparency_page(example_site):
    import datetime

    import yaml

    strategy = yaml.safe_load((REPO / "data/exampleshire/strategy.yml").read_text())
    today = datetime.date.today()
    stale = {c["title"] for c in strategy["jsna"] if (today - c["updated"]).days > 3 * 365 + 1}
    assert stale                              # the example has one: Health inequalities, 2021
    page = html.parse(str(example_site / "transparency" / "index.html")).getroot()
    items = page.xpath("//h2[@id='jsna']/following-sibling::ul[1]/li")
    flagged = {li.find("a").text for li in items if "Over three years old" in li.text_content()}
    assert flagged == stale
