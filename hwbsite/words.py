"""The words residents read: labels for the record's values, dates, times and file sizes.

Formatting stays in Python, never in template filters, so every page, feed and calendar says a date
the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache


# Kept: a ten-year board's pages say some 5,000 dates, each many times, at every build and preview save.
@lru_cache(maxsize=8192)
def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@lru_cache(maxsize=8192)
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

# The documents a paper may be, by file name ending, as a resident reads them beside the link.
PAPER_KINDS = {".pdf": "PDF", ".docx": "Word document", ".xlsx": "Excel spreadsheet", ".pptx": "PowerPoint slides",
               ".odt": "OpenDocument text", ".ods": "OpenDocument spreadsheet", ".odp": "OpenDocument slides",
               ".csv": "CSV", ".txt": "Plain text"}


def file_kind(name: str, external: bool) -> str:
    """What a paper is: "PDF" for a file, "Web page" for a link to a page elsewhere."""
    last = name.rsplit("/", 1)[-1]
    suffix = "." + last.rsplit(".", 1)[-1].lower() if "." in last else ""
    if suffix == ".html":
        return "Web page"
    return PAPER_KINDS.get(suffix) or ("Web page" if external else suffix[1:].upper())
