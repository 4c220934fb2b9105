"""Papers about to be published: size, open formats, and accessible PDFs."""

import shutil

from pypdf import PdfWriter

from helpers import REPO, coordinates, run_json

MEETING = "data/testboard/meetings/2030-01-16.yml"


def blank_pdf(path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)


def test_paper_size_format_and_pdf_accessibility(board_repo, capsys):
    repo = board_repo("paperchecks")
    board = repo / "data/testboard/board.yml"
    board.write_text(board.read_text().replace("publication: {clear_working_days: 5,",
                                               "publication: {max_paper_mb: 0.5, clear_working_days: 5,"))
    new, old = repo / "content/testboard/papers/2030-01-16", repo / "content/testboard/papers/2020-01-15"
    new.mkdir(parents=True)
    old.mkdir(parents=True)
    shutil.copy(REPO / "content/exampleshire/papers/2025-11-19/26-phg-reserve.pdf", new / "good.pdf")
    blank_pdf(new / "plain.pdf")
    blank_pdf(old / "plain.pdf")
    (new / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 not really a Word file")
    (new / "big.csv").write_text("period,value\n" + "2024/25,1\n" * 60000)
    (new / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF body")
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert coordinates(problems, "error") == {(MEETING, 10, "paper-type")}   # a .doc is not a paper type
    found = {(f, line, c) for f, line, c in coordinates(problems, "warning") if c.startswith(("paper-", "pdf-"))}
    assert found == {
        (MEETING, 9, "pdf-no-title"), (MEETING, 9, "pdf-no-language"), (MEETING, 9, "pdf-untagged"),
        (MEETING, 11, "paper-too-large"),
        (MEETING, 12, "pdf-unreadable"),
    }


def test_a_paper_path_too_long_for_the_system_is_a_missing_paper(board_repo, capsys):
    """A folder name longer than the system allows (255 bytes) is reported at its line as a paper that is
    not there, never an internal or disk error."""
    repo = board_repo()
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    long = "papers/" + "L" * 300 + "/71-bcf-plan.pdf"
    meeting.write_text(meeting.read_text().replace("file: papers/2025-03-12/71-bcf-plan.pdf", f"file: {long}"))
    code, problems = run_json(repo, capsys)
    assert code == 1
    assert ("data/testboard/meetings/2025-03-12.yml", 30, "paper-missing") in coordinates(problems, "error")
