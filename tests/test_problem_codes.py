"""Every problem code hwbsite reports is declared once, with its severity, and documented for officers.

The codes are found in the source with `ast`: literal codes passed to `Problems.add/at`, and the
places a code computed at run time comes from (listed in COMPUTED).
"""

from __future__ import annotations

import ast
import re

import pytest

from helpers import REPO
from hwbsite.checks.tables import REFERENCE_CODES, TYPE_HINTS
from hwbsite.problems import CODES, ERROR, WARNING, Problems

PACKAGE = REPO / "hwbsite"
REFERENCE = REPO / "docs" / "reference.md"
GUIDE = REPO / "docs" / "officers-guide.md"
# Where the code passed to Problems.add/at is not written there, the places its value is written.
COMPUTED = {
    ("hwbsite/checks/tables.py", "code"): "TYPE_HINTS, REFERENCE_CODES and `code = ...` in that module",
    ("hwbsite/record/loader.py", "error.code"): "_Refused(code, ...)",
    ("hwbsite/record/loader.py", "mistake.code"): "Mistake(line, column, code, ...) in record/yamlwords.py",
}
CARRIERS = {"_Refused": 0, "Mistake": 2}  # classes that carry a code to Problems.add, and its position
CODE_POSITION = {"at": 2, "add": 3}
SEVERITIES = {"ERROR": ERROR, "WARNING": WARNING}


def _trees() -> dict[str, ast.Module]:
    return {path.relative_to(REPO).as_posix(): ast.parse(path.read_text(), str(path))
            for path in sorted(PACKAGE.rglob("*.py"))}


TREES = _trees()


def _argument(call: ast.Call, position: int, keyword: str = "code") -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _strings(node: ast.expr) -> list[str] | None:
    """The codes an expression can give, or None when it is not written out (a variable)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def problem_calls():
    """(file, line, code expression, severity expression) of each call to Problems.add/at."""
    for file, tree in TREES.items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in CODE_POSITION and ast.unparse(node.func.value).endswith("problems")):
                code = _argument(node, CODE_POSITION[node.func.attr])
                severity = next((k.value for k in node.keywords if k.arg == "severity"), None)
                yield file, node.lineno, code, severity


def emitted_codes() -> dict[str, list[str]]:
    """Each code hwbsite can report, with the places it is written."""
    found: dict[str, list[str]] = {}

    def note(codes, where):
        for code in codes:
            found.setdefault(code, []).append(where)

    for file, line, code, _ in problem_calls():
        if _strings(code) is not None:
            note(_strings(code), f"{file}:{line}")
    for file, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CARRIERS:
                note(_strings(_argument(node, CARRIERS[node.func.id])), f"{file}:{node.lineno}")
            if (file == "hwbsite/checks/tables.py" and isinstance(node, ast.Assign)
                    and [ast.unparse(t) for t in node.targets] == ["code"]):
                note(_strings(node.value), f"{file}:{node.lineno}")
    note([code for code, _ in TYPE_HINTS.values()], "hwbsite/checks/tables.py TYPE_HINTS")
    note([code for code, _ in REFERENCE_CODES.values()], "hwbsite/checks/tables.py REFERENCE_CODES")
    return found


def test_every_computed_code_has_its_sources_listed():
    computed = {(file, ast.unparse(code)) for file, _, code, _ in problem_calls() if _strings(code) is None}
    assert computed - set(COMPUTED) == set(), "add where these codes come from to COMPUTED and emitted_codes()"
    assert set(COMPUTED) - computed == set(), "these entries of COMPUTED are no longer used"


def test_every_carried_code_is_written_out():
    for file, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CARRIERS:
                assert _strings(_argument(node, CARRIERS[node.func.id])) is not None, f"{file}:{node.lineno}"


def test_every_emitted_code_is_in_the_catalogue():
    undeclared = {code: where for code, where in emitted_codes().items() if code not in CODES}
    assert undeclared == {}, f"codes reported but not declared in hwbsite.problems.CODES: {undeclared}"


def test_every_catalogue_code_is_emitted():
    unused = sorted(set(CODES) - set(emitted_codes()))
    assert unused == [], f"codes declared in hwbsite.problems.CODES that nothing reports: {unused}"


def test_severities_written_at_a_call_are_the_declared_ones():
    wrong = [f"{file}:{line} {one} is {ast.unparse(severity)}" for file, line, code, severity in problem_calls()
             if severity is not None and _strings(code) is not None for one in _strings(code)
             if one in CODES and SEVERITIES.get(ast.unparse(severity)) != CODES[one].severity]
    assert wrong == [], f"severities that differ from hwbsite.problems.CODES: {wrong}"


def _named_sets() -> dict[str, set]:
    """Module-level sets of constants in hwbsite, such as HOUSEKEEPING, by name."""
    found = {}
    for tree in TREES.values():
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                values = node.value.args[0] if isinstance(node.value, ast.Call) and node.value.args else node.value
                if isinstance(values, (ast.Set, ast.Tuple, ast.List)) and values.elts and all(
                        isinstance(e, ast.Constant) for e in values.elts):
                    found[node.targets[0].id] = {e.value for e in values.elts}
    return found


def test_codes_hwbsite_compares_with_are_in_the_catalogue():
    """`p.code == "url-dropped"`, `p.code in HOUSEKEEPING`: a misspelt code there would never match."""
    named, compared = _named_sets(), {}
    for file, tree in TREES.items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "code"):
                continue
            for other in node.comparators:
                values = named.get(other.id) if isinstance(other, ast.Name) else (
                    {other.value} if isinstance(other, ast.Constant) else None)
                assert values is not None, f"{file}:{node.lineno} compares a code with {ast.unparse(other)}"
                for code in values:
                    if isinstance(code, str):  # an HTTP status compared with `error.code` is a number
                        compared.setdefault(code, f"{file}:{node.lineno}")
    undeclared = {code: where for code, where in compared.items() if code not in CODES}
    assert undeclared == {}, f"codes compared with that are not declared: {undeclared}"
    assert {"url-dropped", "base-unreadable", "not-published", "unknown-key"} <= set(compared)


def documented_codes() -> dict[str, str]:
    """The reference's table of problem codes: code -> severity."""
    table = re.search(r"<!-- problem-codes -->\n((?:\|.*\n)+)", REFERENCE.read_text())
    assert table, "docs/reference.md has no <!-- problem-codes --> table"
    rows = table.group(1).splitlines()[2:]
    return {re.match(r"\| `([^`]+)`", row).group(1): row.split("|")[2].strip() for row in rows}


def test_every_catalogue_code_is_in_the_reference_with_its_severity():
    documented = documented_codes()
    missing, extra = sorted(set(CODES) - set(documented)), sorted(set(documented) - set(CODES))
    assert missing == [], f"codes missing from the table in docs/reference.md: {missing}"
    assert extra == [], f"docs/reference.md lists codes that hwbsite.problems.CODES does not declare: {extra}"
    wrong = {code: severity for code, severity in documented.items() if CODES[code].severity != severity}
    assert wrong == {}, f"severities in docs/reference.md that differ from hwbsite.problems.CODES: {wrong}"


def test_codes_in_the_officers_guide_table_are_declared():
    table = re.search(r"\| code \| what happened \| what to do \|\n((?:\|.*\n)+)", GUIDE.read_text())
    listed = [re.match(r"\| `([^`]+)`", row).group(1) for row in table.group(1).splitlines()[1:]]
    assert listed and [code for code in listed if code not in CODES] == []


def test_an_undeclared_code_is_refused(tmp_path):
    problems = Problems(tmp_path)
    with pytest.raises(ValueError, match="no-such-code"):
        problems.add(tmp_path / "board.yml", 1, 1, "no-such-code", "a message")
    assert problems.items == []


def test_a_severity_other_than_the_declared_one_is_refused(tmp_path):
    problems = Problems(tmp_path)
    with pytest.raises(ValueError, match="late-agenda"):
        problems.add(tmp_path / "board.yml", 1, 1, "late-agenda", "a message", severity=ERROR)
    assert problems.items == []


def test_a_problem_takes_its_code_s_declared_severity(tmp_path):
    problems = Problems(tmp_path)
    problems.add(tmp_path / "data" / "board.yml", 3, 2, "late-agenda", "a message")
    problems.add(tmp_path / "data" / "board.yml", 4, 1, "unknown-key", "a message", severity=ERROR)
    assert [(p.file, p.line, p.column, p.code, p.severity) for p in problems.items] == [
        ("data/board.yml", 3, 2, "late-agenda", WARNING), ("data/board.yml", 4, 1, "unknown-key", ERROR)]
