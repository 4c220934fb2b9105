"""hwbsite reads each table's cells with Frictionless's own cell readers, for speed (checks/tables.py);
the typed rows and the errors must be exactly those of Frictionless's table reader."""

import pytest

SCENARIOS = [(), ("references",), ("values",), ("rules",), ("duplicates",), ("keys",), ("yaml",), ("votes",),
             ("quorum",), ("seats",), ("exempt",), ("papers",), ("all-fields",), ("hostile",), ("life",)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: "-".join(s) or "base")
def test_typed_rows_and_errors_are_frictionless_own(board_repo, scenario):
    from frictionless import Resource, Schema

    from hwbsite.checks.tables import typed_rows
    from hwbsite.problems import Problems
    from hwbsite.record import TABLES, read_board, schema_descriptor

    repo = board_repo(*scenario)
    files = read_board(repo, "testboard", Problems(repo))
    compared = 0
    for name in TABLES:
        descriptor = schema_descriptor(name)
        header = [f["name"] for f in descriptor["fields"]]
        rows = files.tables[name].rows
        schema = Schema.from_descriptor({k: v for k, v in descriptor.items() if k != "foreignKeys"})
        resource = Resource(name=name, data=[header] + [[row.get(c) for c in header] for row in rows], schema=schema)
        theirs = [(row.to_dict(), [(e.type, getattr(e, "field_name", ""), e.note) for e in row.errors])
                  for row in resource.read_rows()]
        ours = [(row, [(e.type, e.field_name, e.note) for e in errors]) for row, errors in typed_rows(name, rows)]
        assert ours == theirs, name
        compared += len(rows)
    assert compared > 20



def test_each_schema_is_a_valid_table_schema_read_as_frictionless_reads_it():
    """The cell readers come from schemas not checked against the standard at every run (checks/tables.py):
    here each is checked, and must be the very schema Frictionless's own checked reading makes."""
    from frictionless import Schema

    from hwbsite.checks.tables import schema_of
    from hwbsite.record import TABLES, schema_descriptor

    for name in TABLES:
        checked = Schema.from_descriptor({k: v for k, v in schema_descriptor(name).items() if k != "foreignKeys"})
        assert schema_of(name).to_descriptor() == checked.to_descriptor(), name


@pytest.mark.parametrize("scenario", [(), ("values",), ("duplicates",), ("keys",), ("references",), ("all-fields",)],
                         ids=lambda s: "-".join(s) or "base")
def test_rows_typed_in_the_second_process_are_those_typed_here(board_repo, scenario):
    """A check types the rows in a forked process that imported Frictionless while the files were read
    (checks/worker.py); the problems and rows are those of typing them here, and if that process dies,
    the check types them here instead, finding the same. Run in a fresh process: this one may have
    threads (a browser test's), and then no check forks."""
    from helpers import run_fresh

    result = run_fresh(SECOND_PROCESS, board_repo(*scenario))
    assert result.stdout.split() == ["forked:1", "same-as-here", "same-when-it-dies"], result.stderr


SECOND_PROCESS = """
import os, sys
from pathlib import Path
import hwbsite.checks as checks
from hwbsite.checks import check_board, worker

repo, forks, fork = Path(sys.argv[1]), [], os.fork
os.fork = lambda: forks.append(1) or fork()
there = check_board(repo, "testboard")
print(f"forked:{len(forks)}")
checks.Typist = lambda: None
here = check_board(repo, "testboard")
if there.problems.sorted() == here.problems.sorted() and there.typed == here.typed:
    print("same-as-here")
checks.Typist = worker.Typist
worker._serve = lambda asked, answered: os._exit(3)     # it dies before answering
dead = check_board(repo, "testboard")
if dead.problems.sorted() == here.problems.sorted() and dead.typed == here.typed:
    print("same-when-it-dies")
"""
