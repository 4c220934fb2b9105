"""Whatever an officer's editor does to a file, validation reports problems, never a traceback."""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES
from hwbsite.problems import Problems
from hwbsite.checks import check_board

FILES = [
    "data/testboard/meetings/2025-03-12.yml", "data/testboard/board.yml", "data/testboard/people.yml",
    "data/testboard/memberships.yml", "data/testboard/strategy.yml", "data/testboard/indicators/falls-65.csv",
]
YAMLISH = st.sampled_from(list(":-[]{}&*!|>#'\"%@`,?\t\n ") + ["  ", "- ", ": ", "\n  ", "é", "\u2028", "\x00", "~"])


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    path = tmp_path_factory.mktemp("mangled")
    shutil.copytree(FIXTURES / "base", path, dirs_exist_ok=True)
    return path


@st.composite
def mangled(draw):
    name = draw(st.sampled_from(FILES))
    text = (FIXTURES / "base" / name).read_text()
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "replace-text"]))
        if action == "insert":
            text = text[:at] + "".join(draw(st.lists(YAMLISH, max_size=4))) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)):]
        elif action == "duplicate-line":
            lines = text.splitlines(keepends=True) or [""]
            line = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: line + 1] + lines[line:])
        else:
            text = draw(st.text(max_size=80))
    return name, text


def assert_reported_cleanly(repo: Path, problems: Problems) -> None:
    for problem in problems.items:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.code and problem.message and problem.hint
        assert not problem.file.startswith("/")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=mangled())
def test_mangled_files_give_problems_not_tracebacks(repo, change):
    name, text = change
    original = (FIXTURES / "base" / name).read_bytes()
    try:
        (repo / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        problems = Problems(repo)
        check_board(repo, "testboard", problems)
        assert_reported_cleanly(repo, problems)
    finally:
        (repo / name).write_bytes(original)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_give_problems_not_tracebacks(repo, raw):
    name = "data/testboard/people.yml"
    original = (FIXTURES / "base" / name).read_bytes()
    try:
        (repo / name).write_bytes(raw)
        problems = Problems(repo)
        check_board(repo, "testboard", problems)
        assert_reported_cleanly(repo, problems)
    finally:
        (repo / name).write_bytes(original)


def test_deep_nesting_is_reported(repo):
    name = "data/testboard/groups.yml"
    original = (repo / name).read_bytes()
    try:
        (repo / name).write_text("[" * 5000)
        problems = Problems(repo)
        check_board(repo, "testboard", problems)
        assert [(p.file, p.code) for p in problems.errors] == [(name, "yaml-syntax")]
    finally:
        (repo / name).write_bytes(original)
