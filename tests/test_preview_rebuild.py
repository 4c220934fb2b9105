"""Under `hwbsite serve` a save rebuilds only what it changed (site/preview.py), and the result is the
site a full build gives."""

import os
import re
import time

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import hwbsite.site.plugin as plugin_module

from helpers import REPO
from hwbsite.cli import main

# The files made from the whole record rather than pages: open data, decisions' data, calendars, feeds.
DATA_SUFFIXES = {".csv", ".json", ".ics", ".xml"}


@pytest.fixture(autouse=True)
def _then_builds_again():
    """MkDocs keeps one plugin instance per process: leave it building, not previewing, for other tests."""
    yield
    load_config(str(REPO / "mkdocs.yml")).plugins["hwbsite"].on_startup(command="build", dirty=False)


def _builder(repo, site):
    """Rebuild as `mkdocs serve` does: a new configuration each time, the plugin instance kept. The
    rebuild says whether MkDocs stopped the build (the project's mkdocs.yml is strict), and waits for
    the search index and the data files written after the pages unless told not to."""
    plugins = None

    def rebuild(wait: bool = True) -> bool:
        nonlocal plugins
        config = load_config(str(repo / "mkdocs.yml"), site_dir=str(site))
        if plugins is None:
            config.plugins.on_startup(command="serve", dirty=True)
            plugins = config.plugins
            rebuild.plugin = plugins["hwbsite"]
        config.plugins = plugins
        try:
            build(config, dirty=True)
        except Abort:
            return True
        if wait:
            plugins["hwbsite"].later.wait()
            plugins["hwbsite"].later.indexing.wait()
        return False
    return rebuild


def _pages(site):
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("index.html")
            if "pagefind" not in path.parts}


def _built_once(repo, tmp_path, monkeypatch):
    """The preview's first build of the test board: the repository, its site, the rebuild and the pages' times."""
    monkeypatch.setenv("HWBSITE_BOARD", "testboard")
    site = tmp_path / "preview"
    rebuild = _builder(repo, site)
    rebuild()
    return repo, site, rebuild, _pages(site)


def test_a_save_rebuilds_only_the_pages_it_changed(board_repo, tmp_path, monkeypatch):
    repo, site, rebuild, before = _built_once(board_repo(), tmp_path, monkeypatch)
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("Better Care Fund plan 2025/26", "Better Care Fund plan, revised"), encoding="utf-8")
    rebuild()
    after = _pages(site)
    changed = {page for page in after if after[page] != before.get(page)}
    assert "meetings/2025-03-12/index.html" in changed
    assert "plan, revised" in (site / "meetings/2025-03-12/index.html").read_text(encoding="utf-8")
    assert "meetings/2025-06-18/index.html" not in changed and "members/index.html" not in changed
    assert len(changed) < len(after) / 2

    (repo / "data/testboard/meetings/2025-06-18.yml").unlink()   # a page no longer made is removed
    rebuild()
    assert not (site / "meetings/2025-06-18/index.html").exists()


def test_a_change_every_page_shares_rebuilds_every_page(board_repo, tmp_path, monkeypatch):
    repo, site, rebuild, before = _built_once(board_repo(), tmp_path, monkeypatch)
    css = repo / "theme/assets/hwb.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 10**9))
    rebuild()
    after = _pages(site)
    assert all(after[page] != before[page] for page in before if page in after)


def _data_files(site):
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
            if path.suffix in DATA_SUFFIXES and "pagefind" not in path.parts and path.name != "sitemap.xml"}


def test_the_previews_data_files_after_a_save_are_a_full_builds(board_repo, tmp_path, monkeypatch):
    """Made after the pages, in a thread (preview.LaterFiles): once written, the open data, calendars and
    feeds are byte for byte those `hwbsite build` makes of the same files, and a meeting's are gone with it."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    first = _data_files(site)
    assert any(uri.endswith(".ics") for uri in first) and any(uri.endswith(".csv") for uri in first)
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("Better Care Fund plan 2025/26",
                                                                   "Better Care Fund plan, revised"), encoding="utf-8")
    (repo / "data/testboard/meetings/2025-06-18.yml").unlink()
    rebuild()
    previewed = _data_files(site)
    assert main(["--repo", str(repo), "build", "--site-dir", str(tmp_path / "full")]) == 0
    built = _data_files(tmp_path / "full" / "testboard")
    assert previewed.keys() == built.keys()
    assert [uri for uri in built if previewed[uri] != built[uri]] == []
    assert previewed != first and not [uri for uri in previewed if "2025-06-18" in uri]
    assert any("2025-06-18" in uri for uri in first)


def _calendar_links(path):
    return re.findall(r'href="([^"]*\.ics)"', path.read_text(encoding="utf-8"))


def _revise(meeting, words: str) -> None:
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("Better Care Fund plan 2025/26", words),
                       encoding="utf-8")


def test_a_data_file_no_longer_made_is_removed_after_a_failed_save(board_repo, tmp_path, monkeypatch):
    """A save whose data files fail (an internal error, in the thread) still leaves the preview knowing
    what it wrote: a calendar of a meeting deleted in that save is removed by the next good save."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    assert (site / "meetings/2025-06-18.ics").is_file()
    real = plugin_module.data_files
    monkeypatch.setattr(plugin_module, "data_files", lambda *args, **kwargs: 1 / 0)
    (repo / "data/testboard/meetings/2025-06-18.yml").unlink()
    assert rebuild() is False              # the pages stand
    monkeypatch.setattr(plugin_module, "data_files", real)
    _revise(repo / "data/testboard/meetings/2025-03-12.yml", "BCF plan")
    rebuild()
    assert not (site / "meetings/2025-06-18.ics").exists()


def test_a_failure_in_the_thread_is_not_the_next_saves(board_repo, tmp_path, monkeypatch):
    """The thread's error is told under its own logger, so MkDocs (strict) does not count it against the
    good save that starts while it runs."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    real = plugin_module.data_files

    def slow_failure(*args, **kwargs):
        time.sleep(1.5)
        raise RuntimeError("an internal error")
    monkeypatch.setattr(plugin_module, "data_files", slow_failure)
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    text = meeting.read_text(encoding="utf-8")
    _revise(meeting, "BCF plan")
    assert rebuild(wait=False) is False
    monkeypatch.setattr(plugin_module, "data_files", real)
    meeting.write_text(text.replace("Better Care Fund plan 2025/26", "BCF plan again"), encoding="utf-8")
    assert rebuild() is False


def test_a_page_links_to_a_calendar_made_in_the_same_save(board_repo, tmp_path, monkeypatch):
    """A new meeting and a page linking to its calendar, saved together: the record's shape changed, so
    the data files are made before the pages and the link resolves as `hwbsite build` resolves it."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    (repo / "data/testboard/meetings/2025-09-17.yml").write_text("start: 2025-09-17T14:00\nstatus: scheduled\n",
                                                                  encoding="utf-8")
    (repo / "content/testboard/about-data.md").write_text("# About\n\n[September](meetings/2025-09-17.ics)\n",
                                                          encoding="utf-8")
    assert rebuild() is False
    assert main(["--repo", str(repo), "build", "--site-dir", str(tmp_path / "full")]) == 0
    built = _calendar_links(tmp_path / "full/testboard/about-data/index.html")
    assert _calendar_links(site / "about-data/index.html") == built == ["../meetings/2025-09-17.ics"]


def test_a_page_links_to_a_calendar_removed_in_the_same_save(board_repo, tmp_path, monkeypatch):
    """The reverse: the meeting removed while a page linking to its calendar is saved. The preview stops
    at the broken link, as `hwbsite build` does."""
    repo = board_repo()
    page = repo / "content/testboard/about-data.md"
    page.write_text("# About\n\n[June](meetings/2025-06-18.ics)\n", encoding="utf-8")
    repo, site, rebuild, _ = _built_once(repo, tmp_path, monkeypatch)
    (repo / "data/testboard/meetings/2025-06-18.yml").unlink()
    page.write_text("# About the data\n\n[June](meetings/2025-06-18.ics)\n", encoding="utf-8")
    assert rebuild() is True
    assert main(["--repo", str(repo), "build", "--site-dir", str(tmp_path / "full")]) != 0


@pytest.mark.parametrize("scenario", ["values", "duplicates", "keys"])
def test_what_the_preview_keeps_between_saves_finds_what_a_fresh_check_finds(board_repo, scenario):
    """Parsed files and typed rows are kept between saves (record/parsed.py, checks/tables.py): after a save
    that mends one row's value and breaks another's, the problems and rows are those of a check that kept nothing."""
    from hwbsite.checks import check_board
    from hwbsite.record.parsed import keep_parsed

    repo = board_repo(scenario)
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    try:
        keep_parsed(True)
        check_board(repo, "testboard")
        text = meeting.read_text(encoding="utf-8")
        meeting.write_text(_mend_and_break(text), encoding="utf-8")
        kept = check_board(repo, "testboard")
        meeting.write_text(text, encoding="utf-8")
        kept_again = check_board(repo, "testboard")
    finally:
        keep_parsed(False)
    meeting.write_text(_mend_and_break(text), encoding="utf-8")
    fresh = check_board(repo, "testboard")
    meeting.write_text(text, encoding="utf-8")
    fresh_again = check_board(repo, "testboard")
    for ours, theirs in ((kept, fresh), (kept_again, fresh_again)):
        assert ours.problems.sorted() == theirs.problems.sorted()
        assert ours.typed == theirs.typed
    assert {p.code for p in kept.problems.sorted()} != {p.code for p in kept_again.problems.sorted()}


def _mend_and_break(text: str) -> str:
    text = re.sub(r"(?m)^start: .*$", "start: 2025-03-12T14:00", text)
    return re.sub(r"(?m)^status: .*$", "status: helt", text)


class _Garbage:
    """An object in a reference cycle: only Python's collector of cyclic garbage frees it."""

    def __init__(self) -> None:
        self.me = self


def test_garbage_is_collected_after_a_saves_pages_and_after_a_failed_save(board_repo, tmp_path, monkeypatch):
    """While the preview rebuilds, Python's collector of cyclic garbage is held (at ten years a full pass
    took 0.2-0.4 s, and fell due during most saves before the page showed): it runs once a save, after
    the pages are written, and after a save that failed; the save that mends it collects nothing while
    it rebuilds. A build in the same process afterwards has the collector back on."""
    import gc
    import weakref

    from hwbsite.site import preview

    monkeypatch.setattr(preview.LaterFiles, "SETTLE", 0.2)
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    text = meeting.read_text(encoding="utf-8")
    collections = []

    def heard(phase, info):
        if phase == "start" and info["generation"] == 2:
            collections.append(time.monotonic())

    left = []
    check = plugin_module.check_board

    def check_leaving_garbage(*args, **kwargs):
        left.append(weakref.ref(_Garbage()))
        return check(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "check_board", check_leaving_garbage)
    gc.callbacks.append(heard)
    try:
        for words in ("BCF plan", "BCF plan again"):
            meeting.write_text(text.replace("Better Care Fund plan 2025/26", words), encoding="utf-8")
            began = time.monotonic()
            assert rebuild(wait=False) is False
            written = time.monotonic()
            assert words in (site / "meetings/2025-03-12/index.html").read_text(encoding="utf-8")
            assert not [when for when in collections if began <= when <= written]
            assert left[-1]() is not None          # held while the pages were made
            rebuild.plugin.later.wait()
            assert [when for when in collections if when > written] and left[-1]() is None
        meeting.write_text(text + "start: twice\n", encoding="utf-8")     # a duplicate key: the save fails
        assert rebuild() is True
        assert left[-1]() is not None
        rebuild.plugin.later.wait()
        assert left[-1]() is None                  # collected in the thread, not by the next save
        meeting.write_text(text, encoding="utf-8")
        began = time.monotonic()
        assert rebuild(wait=False) is False
        assert not [when for when in collections if began <= when <= time.monotonic()]
    finally:
        gc.callbacks.remove(heard)
    assert not gc.isenabled()
    load_config(str(REPO / "mkdocs.yml")).plugins["hwbsite"].on_startup(command="build", dirty=False)
    assert gc.isenabled()


def test_a_paper_replaced_unlisted_and_listed_again_is_copied_as_a_build_copies_it(board_repo, tmp_path, monkeypatch):
    """Under the preview a paper's file is known once, not at each save (plugin._file): a paper replaced on
    disk is copied again, one no longer listed is removed from the site, and listed again it is back."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    paper = repo / "content/testboard/papers/2025-03-12/71-bcf-plan.pdf"
    copy = site / "papers/2025-03-12/71-bcf-plan.pdf"
    assert copy.read_bytes() == paper.read_bytes()
    time.sleep(0.01)
    paper.write_bytes(paper.read_bytes() + b"\n% revised\n")
    _revise(repo / "data/testboard/meetings/2025-03-12.yml", "BCF plan")
    assert rebuild() is False
    assert copy.read_bytes() == paper.read_bytes()
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    listed = meeting.read_text(encoding="utf-8")
    unlisted = listed.replace(", file: papers/2025-03-12/71-bcf-plan.pdf}", ", url: https://example.org/bcf.pdf}")
    assert unlisted != listed
    meeting.write_text(unlisted, encoding="utf-8")
    assert rebuild() is False
    assert not copy.exists()
    meeting.write_text(listed, encoding="utf-8")
    assert rebuild() is False
    assert copy.read_bytes() == paper.read_bytes()


def _site_files(site):
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
            if path.is_file() and "pagefind" not in path.parts}


def _narrow(plugin) -> bool:
    """Whether the plugin's last build told MkDocs of only some of its pages (a narrow build)."""
    return len(plugin.files.documentation_pages()) < len(plugin.site_pages)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SAVES = {   # what an officer changes, save by save: none changes which pages and papers the site has
    "an item's title, then back": [("meetings/2025-03-12.yml", "Better Care Fund plan 2025/26", "BCF plan"),
                                   ("meetings/2025-03-12.yml", "BCF plan", "Better Care Fund plan 2025/26")],
    "a person's name, shown on many pages": [("people.yml", "name: Bob Adult", "name: Robert Adult")],
    "a topic given to two decisions": [
        ("meetings/2025-03-12.yml", "outcome: agreed\n        vote:",
         "outcome: agreed\n        topic: bcf\n        vote:"),
        ("meetings/2025-03-12.yml", "outcome: agreed}", "outcome: agreed, topic: bcf}")],
    "a meeting's status and the board's name": [("meetings/2025-06-18.yml", "status: scheduled", "status: cancelled"),
                                               ("board.yml", "name: Testshire Health", "name: The Testshire Health")],
}


@pytest.mark.parametrize("saves", SAVES.values(), ids=SAVES.keys())
def test_a_save_that_keeps_the_sites_shape_gives_the_site_a_fresh_preview_gives(saves, board_repo, tmp_path,
                                                                               monkeypatch):
    """A save that changes no page's or paper's address hands MkDocs only the pages whose fingerprints
    changed (preview.Previous.narrow): after each such save the site is, file for file, the one a preview
    started afresh on the same files writes."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    for name, old, new in saves:
        _edit(repo / "data/testboard" / name, old, new)
        assert rebuild() is False
        assert _narrow(rebuild.plugin)
    narrowed = _site_files(site)
    fresh = _builder(repo, tmp_path / "fresh")     # the same plugin instance, started again: it keeps nothing
    assert fresh() is False and not _narrow(fresh.plugin)
    built = _site_files(tmp_path / "fresh")
    assert narrowed.keys() == built.keys()
    assert [uri for uri in built if narrowed[uri] != built[uri]] == []


def test_a_save_that_fails_while_rendering_leaves_no_page_behind(board_repo, tmp_path, monkeypatch):
    """A save whose pages fail to render, after the preview had noted what each would show: the next save
    renders every page again, so none stays as the failed save left it (the old title on one page)."""
    from mkdocs.exceptions import PluginError

    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    real = plugin_module.script_json

    def failing(*args, **kwargs):
        raise PluginError("a page could not be rendered")
    monkeypatch.setattr(plugin_module, "script_json", failing)
    _edit(repo / "data/testboard/meetings/2025-03-12.yml", "Better Care Fund plan 2025/26", "BCF plan")
    assert rebuild() is True
    monkeypatch.setattr(plugin_module, "script_json", real)
    _edit(repo / "data/testboard/people.yml", "name: Bob Adult", "name: Robert Adult")
    assert rebuild() is False
    assert "BCF plan" in (site / "meetings/2025-03-12/index.html").read_text(encoding="utf-8")
    narrowed = _site_files(site)
    assert _builder(repo, tmp_path / "fresh")() is False
    built = _site_files(tmp_path / "fresh")
    assert [uri for uri in built if narrowed.get(uri) != built[uri]] == []


def test_a_save_of_a_paper_or_an_officers_page_alone_is_shown(board_repo, tmp_path, monkeypatch):
    """Saves that change no record: a paper replaced on disk is copied again, and an officer's page is
    rendered again (neither may be left out by a narrow build, which tells MkDocs of neither)."""
    repo = board_repo()
    page = repo / "content/testboard/about.md"
    page.write_text("# About the board\n\nIt met [in March](meetings/2025-03-12.md).\n", encoding="utf-8")
    repo, site, rebuild, _ = _built_once(repo, tmp_path, monkeypatch)
    paper = repo / "content/testboard/papers/2025-03-12/71-bcf-plan.pdf"
    time.sleep(0.01)
    paper.write_bytes(paper.read_bytes() + b"\n% revised\n")
    assert rebuild() is False
    assert (site / "papers/2025-03-12/71-bcf-plan.pdf").read_bytes() == paper.read_bytes()
    time.sleep(0.01)
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added today.\n", encoding="utf-8")
    assert rebuild() is False
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert "A sentence added today." in about and 'href="../meetings/2025-03-12/"' in about
    _edit(repo / "data/testboard/people.yml", "name: Bob Adult", "name: Robert Adult")
    assert rebuild() is False and _narrow(rebuild.plugin)


def _unlike_a_fresh_preview(repo, site, tmp_path) -> list[str]:
    """The addresses at which the preview's site folder differs from a preview started afresh on the same files
    (a file only one of them has, or different bytes)."""
    previewed = _site_files(site)
    assert _builder(repo, tmp_path / "fresh")() is False
    fresh = _site_files(tmp_path / "fresh")
    return sorted(uri for uri in previewed.keys() | fresh.keys() if previewed.get(uri) != fresh.get(uri))


def _about_page(repo):
    page = repo / "content/testboard/about.md"
    page.write_text("# About the board\n\nIt meets four times a year.\n", encoding="utf-8")
    return page


def _unlist_and_make_exempt(repo):
    """Item 71 made exempt, its papers listed by title only (its PDF left on disk), the minutes' date mended."""
    meeting = repo / "data/testboard/meetings/2025-03-12.yml"
    _edit(meeting, "purpose: decision\n    priorities", "purpose: decision\n    exempt: 3\n    priorities")
    _edit(meeting, ", file: papers/2025-03-12/71-bcf-plan.pdf}", "}")
    _edit(meeting, '      - {title: National guidance, url: "https://www.england.nhs.uk/bcf"}\n', "")
    _edit(meeting, "minutes_published: 2025-03-21", "minutes_published: 2025-03-20")


CHANGING_EVERY_PAGE = {   # a save that changes what every page shares, and what the site has
    "the About page deleted (the navigation changes)": lambda repo: (repo / "content/testboard/about.md").unlink(),
    "a meeting deleted as the board's short name changes": lambda repo: (
        (repo / "data/testboard/meetings/2025-06-18.yml").unlink(),
        _edit(repo / "data/testboard/board.yml", "short_name: Testshire HWB", "short_name: Testshire Board")),
    "an item made exempt as the minutes' date is mended": _unlist_and_make_exempt,
}


@pytest.mark.parametrize("save", CHANGING_EVERY_PAGE.values(), ids=CHANGING_EVERY_PAGE.keys())
def test_a_file_no_longer_made_in_a_save_that_changes_every_page_leaves_the_preview(save, board_repo, tmp_path,
                                                                                   monkeypatch):
    """What every page shares changed, so no page is kept (preview.Previous.begin): what the previous build
    wrote is still removed when no longer made: a page, and an exempt item's paper, which is never published."""
    repo = board_repo()
    _about_page(repo)
    repo, site, rebuild, _ = _built_once(repo, tmp_path, monkeypatch)
    save(repo)
    assert rebuild() is False
    assert _unlike_a_fresh_preview(repo, site, tmp_path) == []


def _failing_render(monkeypatch):
    from mkdocs.exceptions import PluginError

    def failing(*args, **kwargs):
        raise PluginError("a page could not be rendered")
    monkeypatch.setattr(plugin_module, "script_json", failing)


@pytest.mark.parametrize("save", [lambda repo: (repo / "data/testboard/meetings/2025-06-18.yml").unlink(),
                                  _unlist_and_make_exempt], ids=["a meeting deleted", "an item made exempt"])
def test_a_file_no_longer_made_after_a_save_that_failed_while_rendering_leaves_the_preview(save, board_repo, tmp_path,
                                                                                         monkeypatch):
    """A save that failed while rendering has every page rendered again, and what was written before it is
    still removed when no longer made."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    real = plugin_module.script_json
    _failing_render(monkeypatch)
    _edit(repo / "data/testboard/meetings/2025-03-12.yml", "Better Care Fund plan 2025/26", "BCF plan")
    assert rebuild() is True
    monkeypatch.setattr(plugin_module, "script_json", real)
    save(repo)
    assert rebuild() is False
    assert _unlike_a_fresh_preview(repo, site, tmp_path) == []


def test_a_save_that_failed_before_writing_leaves_no_officers_page_behind(board_repo, tmp_path, monkeypatch):
    """A save that changes what every page shares (the board's short name, in every page's header) and fails
    after the preview began it but before it wrote anything: the next save still writes the officers' pages
    again."""
    repo = board_repo()
    _about_page(repo)
    repo, site, rebuild, _ = _built_once(repo, tmp_path, monkeypatch)
    real = plugin_module.paper_files

    def failing(*args, **kwargs):
        raise RuntimeError("an internal error")
    monkeypatch.setattr(plugin_module, "paper_files", failing)
    _edit(repo / "data/testboard/board.yml", "short_name: Testshire HWB", "short_name: Testshire Board")
    with pytest.raises(RuntimeError):
        rebuild()
    monkeypatch.setattr(plugin_module, "paper_files", real)
    assert rebuild() is False
    assert _unlike_a_fresh_preview(repo, site, tmp_path) == []


def _older(path, data: bytes) -> None:
    """`path` replaced by `data` with a time before its previous one (a file downloaded earlier, moved in)."""
    before = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - 10**10))


OLDER = {
    "a paper": "content/testboard/papers/2025-03-12/71-bcf-plan.pdf",
    "an officer's page": "content/testboard/about.md",
    "a theme file": "theme/assets/hwb.css",
}


@pytest.mark.parametrize("name", OLDER.values(), ids=OLDER.keys())
def test_a_file_replaced_by_an_older_one_is_shown(name, board_repo, tmp_path, monkeypatch):
    """MkDocs copies or renders a file again only when it is newer than its copy; the preview shows a file
    replaced by one dated before it (a download moved in, `cp -p`) as a fresh preview does."""
    repo = board_repo()
    _about_page(repo)
    repo, site, rebuild, _ = _built_once(repo, tmp_path, monkeypatch)
    _older(repo / name, (repo / name).read_bytes() + b"\n\nReplaced.\n")
    assert rebuild() is False
    assert _unlike_a_fresh_preview(repo, site, tmp_path) == []


def test_a_redirect_or_theme_file_removed_leaves_the_preview(board_repo, tmp_path, monkeypatch):
    """mkdocs-redirects' pages and the theme's files are written by MkDocs, not the plugin: one removed from
    board.yml or theme/ is gone from the preview too."""
    repo = board_repo()
    logo = repo / "theme/assets/logo.svg"
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    board = repo / "data/testboard/board.yml"
    listed = board.read_text(encoding="utf-8")
    board.write_text(listed + "redirects:\n  old-members/: members/\n", encoding="utf-8")
    repo, site, rebuild, _ = _built_once(repo, tmp_path, monkeypatch)
    assert (site / "old-members/index.html").is_file() and (site / "assets/logo.svg").is_file()
    board.write_text(listed, encoding="utf-8")
    logo.unlink()
    assert rebuild() is False
    assert _unlike_a_fresh_preview(repo, site, tmp_path) == []


@pytest.mark.parametrize("save", ["deleted", "added"])
def test_an_officers_page_linking_to_a_meeting_deleted_or_added_stops_or_resolves_as_afresh(save, board_repo, tmp_path,
                                                                                           monkeypatch):
    """An officer's page unchanged by a save that deletes, or adds, the meeting it links to: the preview stops
    at the broken link as a preview started afresh (and `hwbsite build`) does, or resolves it as they do."""
    repo = board_repo()
    meeting = repo / "data/testboard/meetings/2025-06-18.yml"
    kept = meeting.read_bytes()
    if save == "added":
        meeting.unlink()
    (repo / "content/testboard/about.md").write_text("# About the board\n\n[June](meetings/2025-06-18.md)\n",
                                                       encoding="utf-8")
    monkeypatch.setenv("HWBSITE_BOARD", "testboard")
    site = tmp_path / "preview"
    rebuild = _builder(repo, site)
    assert rebuild() is (save == "added")
    meeting.unlink() if save == "deleted" else meeting.write_bytes(kept)
    assert rebuild() is (save == "deleted")
    assert _builder(repo, tmp_path / "fresh")() is (save == "deleted")
    previewed, fresh = _site_files(site), _site_files(tmp_path / "fresh")
    assert sorted(uri for uri in previewed.keys() | fresh.keys() if previewed.get(uri) != fresh.get(uri)) == []


def test_a_page_written_elsewhere_after_mkdocs_yml_changed_leaves_its_old_place(board_repo, tmp_path, monkeypatch):
    """mkdocs.yml's `use_directory_urls` turned off: every page is written at a new place (x.html, not
    x/index.html), and the old one leaves the preview."""
    repo, site, rebuild, _ = _built_once(board_repo(), tmp_path, monkeypatch)
    _edit(repo / "mkdocs.yml", "use_directory_urls: true", "use_directory_urls: false")
    assert rebuild() is False
    assert _unlike_a_fresh_preview(repo, site, tmp_path) == []
