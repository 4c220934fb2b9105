"""Meetings' access records turned into problems, each at the line that can fix it."""

from __future__ import annotations

from datetime import date

from hwbsite import words
from hwbsite.model import Access, MeetingRecord
from hwbsite.model import Board
from hwbsite.record.tables import BoardFiles
from hwbsite.problems import WARNING, Problems
from hwbsite.record.fields import Source


def check_access(board: Board, access: Access, files: BoardFiles, problems: Problems, today: date) -> None:
    meetings = dict(zip((r["id"] for r in files.tables["meetings"].rows), files.tables["meetings"].sources))
    decisions = dict(zip((r["id"] for r in files.tables["decisions"].rows), files.tables["decisions"].sources))
    for record in access.records.values():
        source = meetings[record.meeting.id]
        _notice(record, source, problems)
        _minutes(record, source, problems, access, today)
        _quorum(record, source, decisions, problems)
    _vacancies(board, access, files, problems)




def _notice(record: MeetingRecord, source: Source, problems: Problems) -> None:
    if record.notice_late:
        problems.at(source, "agenda_published", "late-agenda",
             f"the agenda had {record.notice_days} clear working days' notice; {record.notice_required} are required",
             f"to give enough notice it had to be published by {words.long_date(record.latest_publication)}; "
             "if the chair agreed to take items as urgent, give each one `urgency:` with the reason",
             severity=WARNING)


def _minutes(record: MeetingRecord, source: Source, problems: Problems, access: Access, today: date) -> None:
    meeting = record.meeting
    if record.minutes_late:
        problems.at(source, "minutes_published", "late-minutes",
             f"the minutes were published {record.minutes_lag} working days after the meeting; "
             f"the board's rule is {record.minutes_limit}",
             "publish minutes sooner, even as a draft marked `minutes_status: draft`", severity=WARNING)
    elif (meeting.status == "held" and meeting.kind != "development-session" and not meeting.minutes_published
          and record.minutes_limit is not None
          and meeting.start.date() < today
          and access.calendar.working_days_after(meeting.start.date(), today) > record.minutes_limit):
        problems.at(source, "status", "minutes-not-published",
             f"the meeting was held {words.short_date(meeting.start.date())} and its minutes are not published",
             "publish the draft minutes and give `minutes_published:` the day they were published",
             severity=WARNING)


def _quorum(record: MeetingRecord, source: Source, decisions: dict[str, Source], problems: Problems) -> None:
    meeting = record.meeting
    taken = [d for item in meeting.items for d in item.decisions]
    if meeting.status == "held" and taken and record.voting_present is None:
        problems.at(source, "status", "attendance-missing",
             "decisions are recorded but not who attended, so the quorum cannot be checked",
             "add `attendance:` with each member present, their apologies and any substitutes", severity=WARNING)
    if record.quorate is False:
        why = []
        if record.quorum_members is not None and record.voting_present < record.quorum_members:
            why.append(f"{record.voting_present} voting members present, {record.quorum_members} needed")
        why += [f"no voting member for the {words.SEATS[s].lower()} seat" for s in record.seats_without_voter]
        for decision in taken:
            problems.at(decisions[decision.id], "id", "inquorate-decision",
                 f"decision {decision.reference} was taken at a meeting that was not quorate: {'; '.join(why)}",
                 "check the attendance: members present need `status: present`, and a substitute needs "
                 "`for:` naming the voting member they replaced")
    for decision in taken:
        votes = sum(v or 0 for v in (decision.vote_for, decision.vote_against, decision.vote_abstain))
        dsource = decisions[decision.id]
        if record.voting_present is not None and decision.voted and votes > record.voting_present:
            problems.at(dsource, "vote_for", "vote-exceeds-present",
                 f"the vote on {decision.reference} counts {votes} votes but only {record.voting_present} "
                 "voting members were present", "check the vote counts against the attendance")
        if decision.casting_vote and (decision.vote_for or 0) != (decision.vote_against or 0):
            problems.at(dsource, "casting_vote", "casting-vote-without-tie",
                 f"the chair's casting vote is recorded on {decision.reference} but the vote was not tied "
                 f"({decision.vote_for or 0} for, {decision.vote_against or 0} against)",
                 "a casting vote decides only a tie: correct the counts or set `casting_vote: false`")


def _vacancies(board: Board, access: Access, files: BoardFiles, problems: Problems) -> None:
    memberships = files.tables["memberships"]
    for seat, first, last, ended in access.vacancies():
        if ended is not None:
            source = memberships.sources[board.memberships.index(ended)]
        else:
            source = Source(files.data_dir / "memberships.yml", memberships.sources[0].mark) \
                if memberships.sources else Source(files.data_dir / "memberships.yml", _FIRST_LINE)
        meetings = [m for m in board.meetings if m.status != "cancelled"
                    and (first is None or first <= m.start.date()) and (last is None or m.start.date() <= last)]
        if first is None:
            span = f"was empty until {words.short_date(last)}" if last else "has never been filled"
        else:
            span = f"was empty from {words.short_date(first)}" + (
                f" to {words.short_date(last)}" if last else " and still is")
        problems.at(source, "end", "vacant-seat",
             f"the statutory seat for the {words.SEATS[seat].lower()} {span}, "
             f"at {len(meetings)} meeting(s) (first {words.short_date(meetings[0].start.date())})",
             f"add a membership with `seat: {seat}` for whoever filled it, from the day after the last member left",
             severity=WARNING)


class _Mark:
    line, column = 1, 1


_FIRST_LINE = _Mark()
