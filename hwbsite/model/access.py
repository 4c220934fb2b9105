"""The public's rights of access, meeting by meeting (Local Government Act 1972 Part VA).

Each meeting's record is computed once here: clear working days' notice of
the agenda, how long the minutes took, whether the meeting was quorate and
whether every statutory seat was filled. Validation turns the records into
warnings and errors; the transparency page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache as cache_once
from functools import cached_property
from importlib.metadata import version

from hwbsite import cache
from hwbsite.model.board import Board
from hwbsite.model.entities import STATUTORY_SEATS, Meeting, Membership


class WorkingCalendar:
    """Working days in England: not weekends, bank holidays or the board's closure days."""

    def __init__(self, closures: frozenset[date] = frozenset()) -> None:
        self.closures = closures
        self.bank_holidays: dict[int, frozenset[date]] = {}

    def is_working(self, day: date) -> bool:
        if day.year not in self.bank_holidays:
            self.bank_holidays[day.year] = bank_holidays(day.year)
        return day.weekday() < 5 and day not in self.bank_holidays[day.year] and day not in self.closures

    def clear_days_between(self, published: date, meeting: date) -> int:
        """Working days after the day of publication and before the day of the meeting."""
        days = (published + timedelta(days=n) for n in range(1, (meeting - published).days))
        return sum(1 for day in days if self.is_working(day))

    def working_days_after(self, start: date, end: date) -> int:
        """Working days after `start`, up to and including `end`."""
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working(start + timedelta(days=n)))

    def latest_publication(self, meeting: date, clear_days: int) -> date:
        """The last working day on which publishing still gives `clear_days` clear working days."""
        day, found = meeting, 0
        while found < clear_days:
            day -= timedelta(days=1)
            found += self.is_working(day)
        day -= timedelta(days=1)
        while not self.is_working(day):
            day -= timedelta(days=1)
        return day


def bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in `year`, from the holidays library; kept between runs (hwbsite/cache.py),
    since loading the library loads every country's calendar, a tenth of a second of every `validate`."""
    key, identity = f"GB-ENG-{year}", [_holidays_version()]
    stored = cache.kept("bank-holidays")
    days = stored.get(key, identity)
    try:
        if isinstance(days, list):
            return frozenset(date.fromisoformat(day) for day in days)
    except (TypeError, ValueError):    # kept in another shape (a damaged file): asked again
        pass
    import holidays

    days = sorted(day.isoformat() for day in holidays.country_holidays("GB", subdiv="ENG", years=year))
    stored.put(key, identity, days)
    return frozenset(date.fromisoformat(day) for day in days)


@cache_once
def _holidays_version() -> str:
    return version("holidays")


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    notice_required: int
    notice_days: int | None          # None: no agenda published yet
    latest_publication: date
    urgent: bool                     # every item leading to a decision taken as urgent (s.100B(4))
    minutes_limit: int | None
    minutes_lag: int | None          # working days from the meeting to the minutes
    voting_present: int | None       # None: no attendance recorded
    quorum_members: int | None
    seats_without_voter: tuple[str, ...]
    vacant_seats: tuple[str, ...]

    @property
    def notice_late(self) -> bool:
        return self.notice_days is not None and self.notice_days < self.notice_required and not self.urgent

    @property
    def minutes_late(self) -> bool:
        return self.minutes_lag is not None and self.minutes_limit is not None and self.minutes_lag > self.minutes_limit

    @property
    def quorate(self) -> bool | None:
        if self.voting_present is None:
            return None
        return (self.quorum_members is None or self.voting_present >= self.quorum_members) \
            and not self.seats_without_voter


class Access:
    """The access record of every meeting of a board."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.calendar = WorkingCalendar(board.closures)
        info = board.info
        self.notice_required = info.get("clear_working_days") if info.get("clear_working_days") is not None else 5
        self.minutes_limit = info.get("minutes_within_working_days")
        self.quorum_members = info.get("quorum_members")
        self.quorum_seats = tuple((info.get("quorum_seats") or "").split())

    @cached_property
    def records(self) -> dict[str, MeetingRecord]:
        return {m.id: self.record(m) for m in self.board.meetings}

    def voting_membership(self, person_id: str, day: date) -> Membership | None:
        return next((m for m in self.board.memberships
                     if m.person.id == person_id and m.voting and m.current_on(day)), None)

    def vacant_seats(self, day: date) -> tuple[str, ...]:
        held = {m.seat for m in self.board.members_on(day)}
        return tuple(seat for seat in STATUTORY_SEATS if seat not in held)

    def record(self, meeting: Meeting) -> MeetingRecord:
        day = meeting.start.date()
        notice = (self.calendar.clear_days_between(meeting.agenda_published, day)
                  if meeting.agenda_published else None)
        lag = (self.calendar.working_days_after(day, meeting.minutes_published)
               if meeting.minutes_published else None)
        voting_present, seats = None, set()
        if meeting.status == "held" and meeting.attendance:
            voting_present = 0
            for a in meeting.attendance:
                # A substitute counts in place of the voting member they stand in for, and for that seat.
                member = (a.substitute_for if a.status == "substitute" else
                          a.person if a.status == "present" else None)
                membership = self.voting_membership(member.id, day) if member else None
                if membership:
                    voting_present += 1
                    seats.add(membership.seat)
        return MeetingRecord(
            meeting, self.notice_required, notice, self.calendar.latest_publication(day, self.notice_required),
            _urgent_business(meeting),
            self.minutes_limit, lag, voting_present, self.quorum_members,
            tuple(s for s in self.quorum_seats if voting_present is not None and s not in seats),
            self.vacant_seats(day) if meeting.status != "cancelled" else ())

    def vacancies(self) -> list[tuple[str, date, date | None, Membership | None]]:
        """(seat, first empty day, last empty day or None while empty, membership that ended) for each
        gap in a statutory seat that a meeting fell into."""
        gaps = []
        meeting_days = [m.start.date() for m in self.board.meetings if m.status != "cancelled"]
        for seat in STATUTORY_SEATS:
            held = sorted((m for m in self.board.memberships if m.seat == seat), key=lambda m: m.start)
            intervals = _merge([(m.start, m.end, m) for m in held])
            # The seat was empty before anyone first held it (for ever, if no one has).
            edges = [(None, intervals[0][0] - timedelta(days=1) if intervals else None, None)]
            for (start, end, ended), following in zip(intervals, intervals[1:] + [None]):
                if end is None:
                    continue
                gap_start = end + timedelta(days=1)
                gap_end = following[0] - timedelta(days=1) if following else None
                edges.append((gap_start, gap_end, ended))
            for gap_start, gap_end, ended in edges:
                if any((gap_start is None or gap_start <= d) and (gap_end is None or d <= gap_end)
                       for d in meeting_days):
                    gaps.append((seat, gap_start, gap_end, ended))
        return gaps


def _urgent_business(meeting: Meeting) -> bool:
    """Every item that led to a decision was taken as urgent, so short notice was lawful."""
    deciding = [item for item in meeting.items if item.decisions]
    return bool(deciding) and all(item.urgency for item in deciding)


def _merge(intervals):
    """Overlapping or touching membership periods merged: (start, end or None, membership ending it)."""
    merged: list[list] = []
    for start, end, membership in intervals:
        if merged and (merged[-1][1] is None or start <= merged[-1][1] + timedelta(days=1)):
            if merged[-1][1] is not None and (end is None or end > merged[-1][1]):
                merged[-1][1], merged[-1][2] = end, membership
            continue
        merged.append([start, end, membership])
    return [tuple(m) for m in merged]
