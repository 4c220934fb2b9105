"""Calendar, feeds and structured data, read by the libraries real clients use."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
from icalendar import Calendar
from lxml import html

from helpers import REPO, build


def events(path):
    return {str(e["uid"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_calendar_has_every_meeting_with_stable_uids(example_site):
    calendar = Calendar.from_ical((example_site / "meetings.ics").read_bytes())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    found = events(example_site / "meetings.ics")
    assert len(found) == len(list((REPO / "data/exampleshire/meetings").glob("*.yml")))
    meeting = found["2025-11-19@exampleshire.hwbsite"]
    assert meeting.decoded("dtstart") == datetime(2025, 11, 19, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    assert "26. Use of the public health grant reserve" in str(meeting["description"])
    assert str(meeting["url"]) == "https://hwb.exampleshire.gov.uk/meetings/2025-11-19/"
    assert "County Hall" in str(meeting["location"])


def test_moved_meeting_keeps_its_uid_and_bumps_sequence(example_site):
    moved = events(example_site / "meetings.ics")["2025-07-09@exampleshire.hwbsite"]
    assert int(moved["sequence"]) == 1
    assert moved.decoded("dtstart").date().isoformat() == "2025-07-16"
    alone = events(example_site / "meetings" / "2025-07-16.ics")
    assert list(alone) == ["2025-07-09@exampleshire.hwbsite"]


def test_cancelled_meeting_is_cancelled_in_the_calendar(example_site):
    cancelled = events(example_site / "meetings.ics")["2025-01-22@exampleshire.hwbsite"]
    assert str(cancelled["status"]) == "CANCELLED"


def test_calendar_and_feeds_are_reproducible(tmp_path):
    assert build(REPO, tmp_path / "one") == 0
    assert build(REPO, tmp_path / "two") == 0
    for name in ("meetings.ics", "feeds/decisions.xml", "feeds/papers.xml", "data/datapackage.json",
                 "sitemap.xml"):
        assert (tmp_path / "one/exampleshire" / name).read_bytes() == (tmp_path / "two/exampleshire" / name).read_bytes()


def test_decision_feed_entries_come_from_the_data(example_site):
    feed = feedparser.parse((example_site / "feeds" / "decisions.xml").read_bytes())
    assert not feed.bozo
    entries = {e.id: e for e in feed.entries}
    decisions = list((example_site / "decisions").glob("*.json"))
    assert len(entries) == len(decisions)
    casting = entries["tag:hwbsite,2024:exampleshire:decision:hwb-2025-013"]
    assert casting.link == "https://hwb.exampleshire.gov.uk/decisions/hwb-2025-013/"
    assert casting.updated.startswith("2025-11-19")
    superseded = entries["tag:hwbsite,2024:exampleshire:decision:hwb-2024-002"]
    assert superseded.updated.startswith("2026-01-21")      # its latest update, not the build day


def test_papers_feed_announces_agendas_and_minutes(example_site):
    feed = feedparser.parse((example_site / "feeds" / "papers.xml").read_bytes())
    assert not feed.bozo
    titles = {e.id: e.title for e in feed.entries}
    assert titles["tag:hwbsite,2024:exampleshire:minutes:2026-11-04"].startswith("Draft minutes")
    agenda = next(e for e in feed.entries if e.id == "tag:hwbsite,2024:exampleshire:agenda:2025-11-19")
    assert agenda.updated.startswith("2025-11-11")


def jsonld(site, path):
    root = html.parse(str(site / path / "index.html")).getroot()
    return [json.loads(s) for s in root.xpath("//script[@type='application/ld+json']/text()")]


def test_meeting_pages_describe_an_event(example_site):
    [event] = jsonld(example_site, "meetings/2025-11-19")
    assert event["@type"] == "Event"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["startDate"] == "2025-11-19T14:00:00+00:00"
    assert {place["@type"] for place in event["location"]} == {"Place", "VirtualLocation"}
    assert event["organizer"]["@type"] == "GovernmentOrganization"
    [cancelled] = jsonld(example_site, "meetings/2025-01-22")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    [moved] = jsonld(example_site, "meetings/2025-07-16")
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"


def test_home_page_describes_the_board(example_site):
    [board] = jsonld(example_site, "")
    assert board["@type"] == "GovernmentOrganization"
    assert board["parentOrganization"]["name"] == "Exampleshire County Council"
    assert board["url"] == "https://hwb.exampleshire.gov.uk/"


def test_sitemap_dates_come_from_the_data(example_site):
    root = html.fromstring((example_site / "sitemap.xml").read_bytes())
    dates = {u.findtext("loc"): u.findtext("lastmod") for u in root.iter("url")}
    assert dates["https://hwb.exampleshire.gov.uk/meetings/2025-11-19/"] == "2025-11-28"
    assert dates["https://hwb.exampleshire.gov.uk/decisions/hwb-2024-002/"] == "2026-01-21"
