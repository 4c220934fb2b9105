"""The strict loader keeps what the officer typed, and where."""

from pathlib import Path

import pytest

from hwbsite.record.loader import Mark, load_csv, load_yaml
from hwbsite.problems import Problems


def load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "file.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    problems = Problems(tmp_path)
    return load_yaml(path, problems), [(p.line, p.column, p.code) for p in problems.items]


@pytest.mark.parametrize("typed", ["12:30", "NO", "012345", "1.10", "yes", "2025-03-12", "1e3", "0x1F", "on"])
def test_scalars_stay_the_text_typed(tmp_path, typed):
    data, problems = load(tmp_path, f"value: {typed}\n")
    assert data["value"] == typed and problems == []


def test_blank_values_are_none_but_quoted_text_is_kept(tmp_path):
    data, _ = load(tmp_path, 'a:\nb: ~\nc: ""\nd: "null"\n')
    assert (data["a"], data["b"], data["c"], data["d"]) == (None, None, "", "null")


def test_positions_of_keys_values_and_items(tmp_path):
    data, _ = load(tmp_path, "title: x\nitems:\n  - {number: 71, title: BCF}\n  - number: 72\n")
    assert data.key_marks["items"] == Mark(2, 1)
    assert data["items"].item_marks == [Mark(3, 5), Mark(4, 5)]
    assert data["items"][0].value_marks["title"] == Mark(3, 25)
    assert data["items"][1].mark_of("number") == Mark(4, 13)


@pytest.mark.parametrize("content, expected", [
    ("a: 1\nb: 2\na: 3\n", [(3, 1, "duplicate-key")]),
    ("a: &x 1\nb: *x\n", [(1, 4, "yaml-alias")]),
    ("- a\n- *missing\n", [(2, 3, "yaml-alias")]),
    ("a:\n\tb: 1\n", [(2, 1, "tab-character")]),
    ("a:\n  b: 1\n \tc: 2\n", [(3, 2, "tab-character")]),
    (b"a: 1\nb: caf\xe9\n", [(2, 7, "not-utf8")]),
    ("a: [1, 2\nb: x\n", [(1, 4, "yaml-unclosed-bracket")]),
    ("a: 1\n---\nb: 2\n", [(2, 1, "yaml-syntax")]),
    ("? [a, b]\n: 1\n", [(1, 3, "yaml-bad-key")]),
])
def test_refusals_are_reported_at_their_position(tmp_path, content, expected):
    _, problems = load(tmp_path, content)
    assert problems == expected


def test_byte_order_mark_is_accepted(tmp_path):
    data, problems = load(tmp_path, "\ufeffname: Board\n".encode())
    assert data == {"name": "Board"} and problems == []


def test_csv_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("period,value\n2022/23,8.1\n\n2023/24,7.9\n2024/25\n")
    problems = Problems(tmp_path)
    header, rows = load_csv(path, problems)
    assert header == ["period", "value"]
    assert [(row.line, row.values["period"]) for row in rows] == [(2, "2022/23"), (4, "2023/24")]
    assert [(p.line, p.code) for p in problems.items] == [(5, "csv-columns")]


@pytest.mark.parametrize("content, expected", [
    # An unquoted colon in a title: at the value, with the line as it should be written.
    ("title: Item: budget\n", [(1, 8, "yaml-colon-in-value")]),
    # Curly quotes pasted from a word processor, told apart from a missing quote.
    ("title: \u201cReport: final\u201d\n", [(1, 8, "yaml-curly-quotes")]),
    ('title: "unclosed\npurpose: x\n', [(1, 8, "yaml-unclosed-quote")]),
    ("title: 'Children's services'\n", [(1, 8, "yaml-unclosed-quote")]),
    # Wrong indentation under a list, and a field that strays out of its entry.
    ("items:\n  - number: 3\n    title: x\n   purpose: decision\n", [(4, 4, "yaml-indentation")]),
    ("items:\n  - number: 3\n  title: x\n", [(3, 3, "yaml-indentation")]),
    ("title: x\n  purpose: y\n", [(2, 3, "yaml-indentation")]),
    # A missing `-` before the second entry of a list.
    ("items:\n  - number: 3\n    title: x\n    number: 4\n", [(4, 5, "duplicate-key")]),
    ("title: '@home'\nnote: @home\n", [(2, 7, "yaml-special-character")]),
    # `#` after a space is a comment: the words after it would vanish without a word.
    ("title: Pharmacy #3 review\nexempt: 3   # paragraph 3\n", [(1, 17, "yaml-hash-in-value")]),
])
def test_yaml_mistakes_are_named_in_plain_words_at_the_line_to_correct(tmp_path, content, expected):
    _, problems = load(tmp_path, content)
    assert problems == expected
