"""Every YAML snippet in the officer's guide is valid where the guide says it goes, on the example board.

Each snippet starts with a comment naming a file from the repository's root:

- `# file: PATH`: the whole file;
- `# add to: PATH`: lines added at the end of the file (or, when the file already has the snippet's
  top-level key, its indented lines added at the end of that key's block, as the guide says);
- `# add to item: PATH NUMBER`: lines added to an agenda item, lined up with its other fields;
- `# change in: PATH`: each `key: value` line replaces the file's existing line for that key.

The guide's story runs in order, so each snippet is applied to the board the earlier ones made, after
doing what the guide tells the officer to do by hand (upload the papers it lists, rename a moved
meeting, delete a withdrawn paper). "Today" is fixed after the story's meeting, so the checks that
depend on the date give the same answer whenever the tests run.
"""

import re
import shutil
from datetime import date

import pytest

from helpers import REPO, copy_example
from hwbsite.problems import Problems
from hwbsite.checks import check_board, find_boards

GUIDE = REPO / "docs" / "officers-guide.md"
SNIPPETS = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(), flags=re.S)
TODAY = date(2027, 2, 1)
A_PAPER = REPO / "content/exampleshire/papers/2026-11-04/26-winter.pdf"


def _dedent(snippet: str) -> str:
    lines = snippet.splitlines()
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    return "\n".join(l[indent:] for l in lines) + "\n"


def _upload_papers(repo, board: str, body: str) -> None:
    """What uploading does: every paper a snippet lists by `file:` is in the board's content folder."""
    for path in re.findall(r"file: (papers/[^,}\s]+)", body):
        paper = repo / "content" / board / path
        if not paper.exists():
            paper.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(A_PAPER, paper)


def _move_meetings(data, body: str) -> None:
    """What the guide says to do before adding a redirect: rename the file and change its dates."""
    for old, new in re.findall(r"^\s+meetings/(\d{4}-\d\d-\d\d)/: meetings/(\d{4}-\d\d-\d\d)/$", body, flags=re.M):
        source = data / "meetings" / f"{old}.yml"
        (data / "meetings" / f"{new}.yml").write_text(source.read_text().replace(old, new))
        source.unlink()
        plan = data / "forward-plan.yml"
        plan.write_text(plan.read_text().replace(f"meeting: {old}", f"meeting: {new}"))


def _withdraw(repo, board: str, body: str) -> None:
    """What the guide says to do before withdrawing a paper: delete the file and its line."""
    for path in re.findall(r"papers/[^\],\s]+", body):
        (repo / "content" / board / path).unlink()
        for meeting in (repo / "data" / board / "meetings").glob("*.yml"):
            lines = meeting.read_text().splitlines(keepends=True)
            meeting.write_text("".join(l for l in lines if f"file: {path}" not in l))


def apply(repo, snippet: str) -> None:
    head, _, body = _dedent(snippet).partition("\n")
    kind, _, where = head.removeprefix("# ").partition(": ")
    if kind == "add to item":
        where, number = where.rsplit(" ", 1)
    if kind == "add to decision":
        where, decision = where.rsplit(" ", 1)
    path = repo / where
    parts = path.relative_to(repo).parts
    assert parts[0] == "data" and len(parts) >= 3, f"a snippet names a file in data/<board>/: {head}"
    board, data = parts[1], repo / "data" / parts[1]
    _upload_papers(repo, board, body)
    if kind == "file":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    elif kind == "add to":
        if "redirects:" in body:
            _move_meetings(data, body)
        if "withdrawn:" in body:
            _withdraw(repo, board, body)
        text = path.read_text()
        key, _, rest = body.partition("\n")
        if not body.startswith("- ") and re.search(rf"^{re.escape(key)}", text, flags=re.M):
            # The file has the key already: its indented lines go at the end of that key's block.
            assert key.endswith(":") and rest.startswith("  "), f"{where} already has `{key}`"
            lines = text.splitlines()
            start = lines.index(key)
            end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
            lines[end:end] = rest.splitlines()
            path.write_text("\n".join(lines) + "\n")
        else:
            path.write_text(text.rstrip("\n") + "\n" + body)
    elif kind == "add to item":
        lines = path.read_text().splitlines()
        start = lines.index(f"  - number: {number}")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - number:")), len(lines))
        lines[end:end] = ["    " + line for line in body.splitlines()]
        path.write_text("\n".join(lines) + "\n")
    elif kind == "add to decision":
        lines = path.read_text().splitlines()
        start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"\s*- id: {re.escape(decision)}", line))
        indent = len(lines[start]) - len(lines[start].lstrip()) + 2
        end = next((i for i in range(start + 1, len(lines))
                    if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) < indent), len(lines))
        lines[end:end] = [" " * indent + line for line in body.splitlines()]
        path.write_text("\n".join(lines) + "\n")
    elif kind == "change in":
        text = path.read_text()
        for line in body.splitlines():
            key = line.split(":", 1)[0]
            text, count = re.subn(rf"^{re.escape(key)}:.*$", line, text, count=1, flags=re.M)
            assert count == 1, f"{where} has no `{key}:` line to change"
        path.write_text(text)
    else:
        raise AssertionError("a snippet must start with `# file:`, `# add to:`, `# add to item:`, "
                             f"`# change in:` or `# add to decision:`: {head}")


def errors(repo) -> list[tuple[str, int, str, str]]:
    problems = Problems(repo)
    for board in find_boards(repo):
        check_board(repo, board, problems, today=TODAY)
    return [(p.file, p.line, p.code, p.message) for p in problems.errors]


def test_the_guide_has_snippets_and_pictures():
    assert len(SNIPPETS) >= 15
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", GUIDE.read_text())
    assert len(images) >= 5
    for image in images:
        assert (GUIDE.parent / image).is_file(), image


def test_the_guide_names_only_people_and_organisations_of_the_example():
    """An officer copying an example gets ids their board's check accepts, not a made-up board's."""
    ids = set(re.findall(r"\bid: ([a-z0-9-]+)", "".join(
        (REPO / "data/exampleshire" / name).read_text() for name in ("people.yml", "organisations.yml"))))
    made_in_guide = set(re.findall(r"\bid: ([a-z0-9-]+)", GUIDE.read_text()))
    named = set(re.findall(r"\b(?:person|organisation|council|for): ([a-z][a-z0-9-]*)", GUIDE.read_text()))
    assert named - ids - made_in_guide == set()


def _new_board(snippet: str) -> str | None:
    found = re.match(r"\s*# file: data/([^/]+)/", snippet)
    return found.group(1) if found and found.group(1) != "exampleshire" else None


# A new board's first files are written together: it is checked once it has them all.
STOPS = [n for n in range(len(SNIPPETS))
         if n + 1 == len(SNIPPETS) or not _new_board(SNIPPETS[n]) or _new_board(SNIPPETS[n]) != _new_board(SNIPPETS[n + 1])]


@pytest.mark.parametrize("number", STOPS)
def test_each_snippet_is_valid_on_the_example_board(tmp_path, number):
    repo = copy_example(tmp_path / "repo")
    assert errors(repo) == []
    for snippet in SNIPPETS[: number + 1]:
        apply(repo, snippet)
    assert errors(repo) == []


def test_a_mistake_in_a_snippet_would_be_caught(tmp_path):
    """The story's test can fail: the agenda with a misspelt field is an error at its line."""
    repo = copy_example(tmp_path / "repo")
    agenda = next(s for s in SNIPPETS if "# file: data/exampleshire/meetings/2027-01-20.yml" in s)
    apply(repo, agenda.replace("end: 2027-01-20T16:30", "edn: 2027-01-20T16:30"))
    assert [(file, code) for file, _, code, _ in errors(repo)] == [
        ("data/exampleshire/meetings/2027-01-20.yml", "unknown-key")]
