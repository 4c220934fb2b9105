"""The board as immutable objects, built once after every check, and the rules that derive from it.

`build_board` resolves every reference; `Access` computes each meeting's notice, minutes, quorum and
seats; `assess` judges an indicator; `urls` is the one table of the site's addresses.
"""

from hwbsite.model.access import Access, MeetingRecord, WorkingCalendar
from hwbsite.model.board import Board
from hwbsite.model.build import build_board
from hwbsite.model.entities import (STATUTORY_SEATS, AgendaItem, Attendance, Decision, Declaration, ForwardPlanItem,
                                    Group, Indicator, Meeting, Membership, Organisation, Paper, Person, Priority,
                                    Strategy)
from hwbsite.model.indicators import Assessment, assess

__all__ = ["STATUTORY_SEATS", "Access", "AgendaItem", "Assessment", "Attendance", "Board", "Decision", "Declaration",
           "ForwardPlanItem", "Group", "Indicator", "Meeting", "MeetingRecord", "Membership", "Organisation", "Paper",
           "Person", "Priority", "Strategy", "WorkingCalendar", "assess", "build_board"]
