"""ModernGov's XML read into plain records, with its quirks smoothed out.

Dates are `dd/mm/yyyy`, times `10.00 am`, booleans `True`/`False`, counts space-padded and empty
elements hold whitespace. Minutes and decisions come as escaped Word HTML: they are sanitised with nh3
first, then turned into Markdown by markdownify, with Word's empty paragraphs and spans gone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time

import nh3
from markdownify import markdownify

KEPT_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "table", "thead", "tbody", "tr",
             "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


class SourceValueError(ValueError):
    """A value in the source that cannot be read (a malformed date or time)."""


@dataclass(frozen=True)
class Listed:
    """A meeting as GetMeetings lists it."""

    id: str
    day: date | None
    raw_date: str
    status: str


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    url: str
    is_url: bool
    restricted: bool
    restriction: str
    published: date | None


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    display_number: str
    restricted: bool
    agenda_text: str
    minutes: str             # Markdown
    decision: str            # Markdown
    is_decision: bool
    declarations: int
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Attendee:
    member_id: str
    name: str
    role: str
    attendance: str
    url: str


@dataclass(frozen=True)
class Meeting:
    id: str
    day: date
    start: time | None
    end: time | None
    status: str
    venue: str
    agenda_published: bool
    items: tuple[Item, ...]
    attendees: tuple[Attendee, ...]


def text(element: ET.Element | None, tag: str) -> str:
    """An element's text with whitespace trimmed; '' for a missing or blank element."""
    found = element.find(tag) if element is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


def flag(element: ET.Element, tag: str) -> bool:
    return text(element, tag).lower() == "true"


def parse_date(value: str) -> date:
    """`dd/mm/yyyy` (the service's own format), or `yyyy-mm-dd` which some installs send."""
    value = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise SourceValueError(f"the date `{value}` is not a date in dd/mm/yyyy")


def parse_time(value: str) -> time | None:
    """`10.00 am`, `2.30pm`, `14:00` or `12 noon`; None for a blank one."""
    value = value.strip().lower().replace(" ", "")
    if not value:
        return None
    if value in ("noon", "12noon", "midday", "12midday"):
        return time(12, 0)
    match = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?(am|pm|a\.m\.|p\.m\.)?", value)
    if not match:
        raise SourceValueError(f"the time `{value}` is not a time such as 10.00 am")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").replace(".", "")
    if half and not 1 <= hour <= 12 or hour > 23 or minute > 59:
        raise SourceValueError(f"the time `{value}` is not a time such as 10.00 am")
    if half == "pm" and hour != 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return time(hour, minute)


def word_to_markdown(html: str) -> str:
    """Clean Markdown from ModernGov's Word HTML: no scripts, styles, spans or empty paragraphs."""
    if not html or not html.strip():
        return ""
    clean = nh3.clean(html, tags=KEPT_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"},
                      link_rel=None)
    markdown = markdownify(clean, heading_style="ATX", bullets="-", escape_underscores=False)
    lines = [" ".join(line.replace("\xa0", " ").split()) if not line.lstrip().startswith(("|", "-", "*"))
             else line.replace("\xa0", " ").rstrip() for line in markdown.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(_joined(lines))).strip()


def _joined(lines: list[str]) -> list[str]:
    """Word wraps paragraphs at 70 characters: rejoin a paragraph's lines so each reads as one."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and not line.startswith(("|", "- ", "* ", "#")) \
                and not re.match(r"\d+\. ", line) and not out[-1].startswith(("|", "#")):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def parse_meetings(root: ET.Element, committee: str) -> list[Listed]:
    """The committee's meetings; other committees' are dropped (some installs list every committee)."""
    found = []
    for block in root.iter("committee"):
        if text(block, "committeeid") != committee:
            continue
        for meeting in block.iter("meeting"):
            raw = text(meeting, "meetingdate")
            try:
                day = parse_date(raw)
            except SourceValueError:
                day = None
            found.append(Listed(text(meeting, "meetingid"), day, raw, text(meeting, "meetingstatus")))
    return found


def parse_meeting(root: ET.Element) -> Meeting:
    """One meeting from GetMeeting; a SourceValueError when its date or times cannot be read."""
    if root.tag != "meeting" or not text(root, "meetingid"):
        raise SourceValueError("the answer does not describe a meeting")
    actual_end = text(root, "meetingactualfinishtime")
    items = tuple(_item(element) for element in root.iterfind("agendaitems/agendaitem"))
    attendees = tuple(Attendee(a.get("memberid", "").strip(), " ".join(a.get("name", "").split()),
                               " ".join(a.get("roledescription", "").split()),
                               " ".join(a.get("attendance", "").split()), text(a, "url"))
                      for a in root.iterfind("attendees/attendee"))
    return Meeting(text(root, "meetingid"), parse_date(text(root, "meetingdate")),
                   parse_time(text(root, "meetingactualstarttime") or text(root, "meetingtime")),
                   parse_time(actual_end or text(root, "meetingplannedfinishtime")),
                   text(root, "meetingstatus"), text(root, "meetinglocation"), flag(root, "agendapublished"),
                   items, attendees)


def _item(element: ET.Element) -> Item:
    documents = []
    for doc in element.iterfind("linkeddocuments/linkeddoc"):
        published = text(doc, "publicationdate")
        try:
            day = parse_date(published) if published else None
        except SourceValueError:
            day = None
        documents.append(Document(text(doc, "attachmentid"), text(doc, "title"), text(doc, "url"),
                                  flag(doc, "isurl"), flag(doc, "isrestricted"), text(doc, "restrictionsRef"), day))
    declarations = text(element, "declarationcount")
    decision = ""
    if flag(element, "isdecisionpublished"):
        decision = word_to_markdown((element.findtext("decisionnonemptyhtmlbody") or ""))
    return Item(text(element, "agendaitemid"), text(element, "agendaitemtitle"),
                text(element, "fulldisplaynumberformat"), flag(element, "isrestricted"),
                word_to_markdown(element.findtext("agendatext") or ""),
                word_to_markdown(element.findtext("minutesnonemptyhtmlbody") or "")
                if flag(element, "isminutepublished") or element.findtext("minutesnonemptyhtmlbody") else "",
                decision, flag(element, "isdecision"),
                int(declarations) if declarations.isdigit() else 0, tuple(documents))
