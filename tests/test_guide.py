"""Every YAML snippet in the officer's guide is valid where the guide says it goes."""

import re

import pytest

from helpers import REPO, make_repo
from hwbsite.problems import Problems
from hwbsite.validate import check_board

GUIDE = REPO / "docs" / "officers-guide.md"
SNIPPETS = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(), flags=re.S)


def _dedent(snippet: str) -> str:
    lines = snippet.splitlines()
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    return "\n".join(l[indent:] for l in lines) + "\n"


def apply(board_dir, snippet: str) -> None:
    head, _, body = _dedent(snippet).partition("\n")
    where = head.removeprefix("# ").split(": ", 1)
    if where[0] == "file":
        (board_dir / where[1]).write_text(body)
    elif where[0] == "add to":
        path = board_dir / where[1]
        text = path.read_text()
        key = body.split(":", 1)[0]
        if not body.startswith("- ") and re.search(rf"^{key}:", text, flags=re.M):
            raise AssertionError(f"{where[1]} already has `{key}:`")
        path.write_text(text.rstrip("\n") + "\n" + body)
    elif where[0] == "add to item":
        name, number = where[1].rsplit(" ", 1)
        path = board_dir / name
        lines = path.read_text().splitlines()
        start = lines.index(f"  - number: {number}")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - number:")), len(lines))
        lines[end:end] = ["    " + line for line in body.splitlines()]
        path.write_text("\n".join(lines) + "\n")
    elif where[0] == "add to decision":
        name, decision = where[1].rsplit(" ", 1)
        path = board_dir / name
        lines = path.read_text().splitlines()
        start = lines.index(f"      - id: {decision}")
        end = next((i for i in range(start + 1, len(lines)) if len(lines[i]) - len(lines[i].lstrip()) <= 6),
                   len(lines))
        lines[end:end] = ["        " + line for line in body.splitlines()]
        path.write_text("\n".join(lines) + "\n")
    else:
        raise AssertionError("a snippet must start with `# file:`, `# add to:`, `# add to item:` or "
                             f"`# add to decision:`: {head}")


def test_the_guide_has_snippets_and_pictures():
    assert len(SNIPPETS) >= 7
    for image in re.findall(r"!\[[^\]]+\]\(([^)]+)\)", GUIDE.read_text()):
        assert (GUIDE.parent / image).is_file(), image


@pytest.mark.parametrize("number", range(len(SNIPPETS)))
def test_each_snippet_is_valid_in_a_board(tmp_path, number):
    repo = make_repo(tmp_path / "repo")
    board = repo / "data" / "testboard"
    # What the guide's commands would have done: the new person and the copied paper.
    with (board / "people.yml").open("a") as people:
        people.write("- {id: cllr-ola-adeyemi, name: Councillor Ola Adeyemi, organisation: testshire-council}\n")
    paper = repo / "content/testboard/papers/2025-06-18/3-pna-report.pdf"
    paper.parent.mkdir(parents=True)
    paper.write_bytes((repo / "content/testboard/papers/2025-03-12/71-bcf-plan.pdf").read_bytes())
    # The guide's story runs in order: each snippet lands on the board the earlier ones made.
    for snippet in SNIPPETS[: number + 1]:
        if "# file: board.yml" in snippet:
            continue
        apply(board, snippet)
    if "# file: board.yml" in SNIPPETS[number]:
        apply(board, SNIPPETS[number])
    problems = Problems(repo)
    check_board(repo, "testboard", problems)
    assert [(p.file, p.line, p.code) for p in problems.errors] == []
