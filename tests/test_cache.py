"""What `validate` keeps between runs (hwbsite/cache.py): a PDF's facts while the file is the same, and
England's bank holidays; never trusted once the file changed, never needed, never in the repository."""

import json
import os
import shutil
import subprocess
import sys

from helpers import REPO, coordinates
from test_paperchecks import blank_pdf

MEETING = "data/testboard/meetings/2030-01-16.yml"
GOOD = REPO / "content/exampleshire/papers/2025-11-19/26-phg-reserve.pdf"


def _validate(repo, cache) -> tuple[int, set]:
    result = subprocess.run([sys.executable, "-m", "hwbsite.cli", "--repo", str(repo), "validate", "--format", "json"],
                            capture_output=True, text=True, env={**os.environ, "HWBSITE_CACHE": str(cache)})
    return result.returncode, {c for c in coordinates(json.loads(result.stdout or "[]"))
                               if c[2].startswith(("pdf-", "paper-"))}


def _papers(repo):
    papers = repo / "content/testboard/papers/2030-01-16"
    papers.mkdir(parents=True)
    for name in ("good", "plain", "broken"):
        shutil.copy(GOOD, papers / f"{name}.pdf")
    (papers / "old.doc").write_bytes(b"%PDF-1.4 not a Word file at all")
    (papers / "big.csv").write_text("period,value\n2024/25,1\n")
    (repo / "content/testboard/papers/2020-01-15").mkdir()
    blank_pdf(repo / "content/testboard/papers/2020-01-15/plain.pdf")   # too old to be checked
    return papers


def test_a_paper_changed_since_the_last_run_is_read_again(board_repo, tmp_path):
    repo, cache = board_repo("paperchecks"), tmp_path / "cache"
    papers = _papers(repo)
    assert _validate(repo, cache) == (1, {(MEETING, 10, "paper-type")})
    stored = json.loads((cache / "pdf-facts.json").read_text())["entries"]
    assert str(papers / "plain.pdf") in stored and str(papers / "broken.pdf") in stored
    assert json.loads((cache / "bank-holidays.json").read_text())["entries"]

    # The same names, other contents: an untagged PDF without title or language, and one that is not a PDF.
    blank_pdf(papers / "plain.pdf")
    (papers / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF body")
    code, found = _validate(repo, cache)
    assert (code, found) == (1, {(MEETING, 10, "paper-type"), (MEETING, 9, "pdf-no-title"),
                                 (MEETING, 9, "pdf-no-language"), (MEETING, 9, "pdf-untagged"),
                                 (MEETING, 12, "pdf-unreadable")})

    # A damaged cache is read as an empty one: the same findings.
    for damaged in cache.iterdir():
        damaged.write_text("{not json")
    assert _validate(repo, cache) == (code, found)


def test_no_cache_is_kept_when_switched_off(board_repo, tmp_path):
    repo = board_repo("paperchecks")
    _papers(repo)
    result = subprocess.run([sys.executable, "-m", "hwbsite.cli", "--repo", str(repo), "validate"],
                            capture_output=True, text=True,
                            env={**os.environ, "HWBSITE_CACHE": "off", "XDG_CACHE_HOME": str(tmp_path / "xdg"),
                                 "HOME": str(tmp_path / "home")})
    assert result.returncode == 1 and "paper-type" in result.stdout
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()
    assert not [path for path in repo.rglob("*.json") if "cache" in path.name or "facts" in path.name]


def test_a_cache_entry_whose_value_is_malformed_is_worked_out_again(board_repo, tmp_path):
    """An entry whose identity matches but whose value is of the wrong shape (a hand-edited, truncated or
    hostile file) is ignored, as a damaged file is: the same findings as a run with no cache, never an
    internal error and never a PDF's warnings hidden."""
    repo, cache = board_repo("paperchecks"), tmp_path / "cache"
    papers = _papers(repo)
    blank_pdf(papers / "plain.pdf")
    expected = _validate(repo, tmp_path / "empty")
    assert (MEETING, 9, "pdf-untagged") in expected[1]
    assert _validate(repo, cache) == expected
    kept = {name: json.loads((cache / f"{name}.json").read_text()) for name in ("pdf-facts", "bank-holidays")}
    for facts, days in (([None, None, "false"], [1, 2]), ([{}, [], {}], ["not a date"]), (["t", "en", 1], "2025")):
        for name, value in (("pdf-facts", facts), ("bank-holidays", days)):
            stored = json.loads(json.dumps(kept[name]))
            for entry in stored["entries"].values():
                entry[1] = value
            (cache / f"{name}.json").write_text(json.dumps(stored))
        assert _validate(repo, cache) == expected, (facts, days)


def test_a_cache_file_nested_too_deeply_to_read_is_ignored(board_repo, tmp_path):
    repo, cache = board_repo("paperchecks"), tmp_path / "cache"
    _papers(repo)
    expected = _validate(repo, cache)
    for name in ("pdf-facts", "bank-holidays"):
        (cache / f"{name}.json").write_text('{"format": 1, "entries": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    assert _validate(repo, cache) == expected


def test_a_cache_folder_inside_the_folders_the_build_reads_is_refused(board_repo, tmp_path):
    """HWBSITE_CACHE inside data/, content/ or theme/ (a relative path typed in the repository, say) would
    have the build write into the record: refused in one line (exit 2), and nothing is written there."""
    repo = board_repo("paperchecks")
    _papers(repo)
    before = sorted(repo.rglob("*"))
    for chosen, command in (("data/testboard/.cache", ["validate"]),
                            (str(repo / "content/testboard/cache"), ["build", "--site-dir", str(tmp_path / "site")]),
                            ("theme", ["validate"])):
        result = subprocess.run([sys.executable, "-m", "hwbsite.cli", *command], cwd=repo, capture_output=True,
                                text=True, env={**os.environ, "HWBSITE_CACHE": chosen})
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "HWBSITE_CACHE" in result.stderr
        assert sorted(repo.rglob("*")) == before
    assert not (tmp_path / "site").exists()


def test_a_cache_folder_behind_a_looping_link_is_no_cache(board_repo, tmp_path):
    repo = board_repo("paperchecks")
    _papers(repo)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert _validate(repo, tmp_path / "a" / "cache") == _validate(repo, tmp_path / "cache")


def test_damaged_compiled_templates_are_compiled_again(board_repo, tmp_path, monkeypatch, capsys):
    """A compiled template damaged on disk (random bytes after Jinja's header, as a failing disk leaves
    them) is compiled again: the build succeeds and its pages are those of a build with a sound cache."""
    from jinja2.bccache import bc_magic

    from helpers import build

    repo, cache = board_repo(), tmp_path / "cache"
    monkeypatch.setenv("HWBSITE_CACHE", str(cache))
    assert build(repo, tmp_path / "sound") == 0
    compiled = list((cache / "templates").iterdir())
    assert compiled
    for damaged in compiled:
        damaged.write_bytes(bc_magic + b"\x80\x04\x8e" + b"\xff" * 8)   # pickle: a length past any memory
    capsys.readouterr()
    assert build(repo, tmp_path / "damaged") == 0, capsys.readouterr().err
    pages = sorted((tmp_path / "sound/testboard").rglob("*.html"))
    assert pages and all(page.read_bytes() == (tmp_path / "damaged" / page.relative_to(tmp_path / "sound")).read_bytes()
                         for page in pages)
