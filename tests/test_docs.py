"""Every field an officer can write, and every published column, is documented."""

import re

import pytest

from helpers import REPO
from hwbsite.record.loader import load_yaml
from hwbsite.record import TABLES
from hwbsite.problems import Problems
from hwbsite.record import FIELDS
from hwbsite.record import schema_descriptor

REFERENCE = REPO / "docs" / "reference.md"


def documented_fields() -> dict[str, list[str]]:
    text = REFERENCE.read_text()
    found = {}
    for match in re.finditer(r"<!-- fields: (\S+) -->\n((?:\|.*\n)+)", text):
        rows = match.group(2).splitlines()[2:]
        found[match.group(1)] = [re.match(r"\| `([^`]+)`", row).group(1) for row in rows]
    return found


def test_every_field_an_officer_can_write_is_documented():
    documented = documented_fields()
    assert set(documented) == set(FIELDS)
    for context, keys in FIELDS.items():
        assert sorted(documented[context]) == sorted(keys), context


def test_documented_examples_are_given_for_required_fields():
    text = REFERENCE.read_text()
    for row in re.findall(r"^\| `[^`]+` \| yes \|.*$", text, flags=re.M):
        assert row.rstrip(" |").split("|")[-1].strip(), row


@pytest.mark.parametrize("table", TABLES)
def test_every_schema_field_is_described_with_an_example(table):
    for field in schema_descriptor(table)["fields"]:
        assert field.get("description"), (table, field["name"])
        assert "example" in field, (table, field["name"])


def test_yaml_examples_in_the_reference_load_cleanly(tmp_path):
    snippets = re.findall(r"```yaml\n(.*?)```", REFERENCE.read_text(), flags=re.S)
    assert len(snippets) >= 8
    for number, snippet in enumerate(snippets):
        path = tmp_path / f"snippet-{number}.yml"
        path.write_text(snippet)
        problems = Problems(tmp_path)
        assert load_yaml(path, problems) is not None and problems.items == [], snippet
