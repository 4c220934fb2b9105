"""Officers' Markdown made safe to publish, and the words residents read.

Markdown is rendered first and the HTML then cleaned by nh3 against an
allow-list, so no script, event handler or `javascript:` link can reach a page
whatever an officer (or a pasted document) puts in a file.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_MARKDOWN = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def render_markdown(text: str | None) -> Markup:
    """Sanitised HTML for a Markdown field; empty for a blank one."""
    if not text:
        return Markup("")
    html = _MARKDOWN.reset().convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"))


PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "img", "figure", "figcaption", "dl", "dt", "dd", "span", "div"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt", "title", "width", "height"},
                   **{tag: {"id"} for tag in ("h1", "h2", "h3", "h4", "h5", "h6")}}


_IMAGE = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def clean_page(page: str) -> str:
    """A page officers wrote in content/<board>/, as MkDocs rendered it, cleaned like every other text.

    Images become links (or their words): only pages and listed papers leave the repository, and no
    page may ask another host for anything as it loads.
    """
    cleaned = nh3.clean(page, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer")
    return _IMAGE.sub(_image_as_words, cleaned)


def _image_as_words(match: re.Match) -> str:
    # nh3 writes every attribute double-quoted and escaped, so this reads its own output only.
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    words = attributes.get("alt") or attributes.get("title") or ""
    source = html.unescape(attributes.get("src", ""))
    if source.startswith(("https://", "http://")):
        label = Markup("Image: {}").format(html.unescape(words)) if words else Markup("Image")
        return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(source, label)
    return words


def plain_text(text: str | None) -> str:
    """A Markdown field as plain words, for descriptions, feeds and structured data."""
    return nh3.clean(str(render_markdown(text)), tags=set()).strip() if text else ""


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def clock(moment: datetime) -> str:
    """GOV.UK style times: 2pm, 10:30am, midday."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def file_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


SEATS = {
    "councillor": "Councillor",
    "director-adult-social-services": "Director of Adult Social Services",
    "director-childrens-services": "Director of Children's Services",
    "director-public-health": "Director of Public Health",
    "healthwatch": "Local Healthwatch",
    "integrated-care-board": "Integrated care board",
    "other": "Other members",
}
ROLES = {"chair": "Chair", "vice-chair": "Vice-Chair", "member": "Member", "co-opted": "Co-opted member",
         "observer": "Observer"}
ATTENDANCE = {"present": "Present", "apologies": "Apologies", "absent": "Absent", "substitute": "Substitute",
              "in-attendance": "In attendance"}
OUTCOMES = {"agreed": "Agreed", "noted": "Noted", "deferred": "Deferred", "rejected": "Rejected",
            "recommended": "Recommended to another body"}
UPDATES = {"progress": "In progress", "implemented": "Implemented", "superseded": "Superseded"}
MEETING_STATUS = {"scheduled": "Scheduled", "held": "Held", "cancelled": "Cancelled", "postponed": "Postponed"}
MEETING_KINDS = {"ordinary": "Meeting", "extraordinary": "Extraordinary meeting",
                 "development-session": "Development session"}
PURPOSES = {"decision": "For decision", "discussion": "For discussion", "information": "For information"}
INTEREST_KINDS = {"disclosable-pecuniary": "Disclosable pecuniary interest",
                  "other-registrable": "Other registrable interest",
                  "non-registrable": "Non-registrable interest"}
GROUP_KINDS = {"sub-group": "Sub-group", "task-and-finish-group": "Task and finish group",
               "partnership-board": "Partnership board"}
# Schedule 12A to the Local Government Act 1972, Part 1, in plain words.
SCHEDULE_12A = {
    1: "information about a particular person",
    2: "information likely to reveal who a particular person is",
    3: "information about the financial or business affairs of a particular person or organisation "
       "(including the council)",
    4: "information about consultations or negotiations on employment matters between the council "
       "and its staff",
    5: "legal advice protected by legal professional privilege",
    6: "information that the council intends to serve a notice or make an order placing requirements "
       "on someone",
    7: "information about the prevention, investigation or prosecution of crime",
}
