"""Random sequences of saves under `hwbsite serve`, good, failed and with errors: after each sequence the
preview's site is, file for file, the one a preview started afresh on the same files writes, and it
stops or builds as that one does (site/preview.py, site/previous.py)."""

import os
import random
import re

import pytest
from mkdocs.exceptions import PluginError

import hwbsite.site.plugin as plugin_module

from test_preview_rebuild import _builder, _site_files, _then_builds_again  # noqa: F401 - the fixture is used

BROKEN = "\nthis: [is broken\n"     # a save with an error (YAML that cannot be read), mended by the next


class Officer:
    """What an officer saves, one kind of change a method, on the test board's files."""

    def __init__(self, repo, rng: random.Random) -> None:
        self.rng, data, content = rng, repo / "data/testboard", repo / "content/testboard"
        self.meeting, self.june, self.people = data / "meetings/2025-03-12.yml", data / "meetings/2025-06-18.yml", \
            data / "people.yml"
        self.board, self.june_text = data / "board.yml", self.june.read_bytes()
        self.about, self.notes = content / "about.md", content / "notes.md"
        self.paper, self.css = content / "papers/2025-03-12/71-bcf-plan.pdf", repo / "theme/assets/hwb.css"

    def _sub(self, path, pattern: str, new: str) -> None:
        path.write_text(re.sub(pattern, new, path.read_text(encoding="utf-8")), encoding="utf-8")

    def title(self):
        self._sub(self.meeting, r"title: (Better Care Fund plan 2025/26|BCF plan \d+)",
                  f"title: BCF plan {self.rng.randint(0, 999)}")

    def person(self):
        self._sub(self.people, r"name: (Bob Adult|Robert \d+)", f"name: Robert {self.rng.randint(0, 99)}")

    def short_name(self):
        self._sub(self.board, r"short_name: .*", f"short_name: Testshire {self.rng.randint(0, 99)}")

    def june_meeting(self):
        if self.june.exists():
            self.june.unlink()
        else:
            self.june.write_bytes(self.june_text)

    def about_page(self):
        if self.about.exists():
            self.about.unlink()
        else:
            self.about.write_text(f"# About\n\n[March](meetings/2025-03-12.md) {self.rng.random()}\n", encoding="utf-8")

    def notes_page(self):
        if self.notes.exists():
            self.notes.unlink()
        else:
            self.notes.write_text(f"# Notes\n\n{self.rng.random()}\n", encoding="utf-8")

    def about_page_dated_before(self):     # a file moved in, dated before its copy in the site
        if self.about.exists():
            before = self.about.stat()
            self.about.write_text(self.about.read_text(encoding="utf-8") + f"\nmore {self.rng.random()}\n",
                                  encoding="utf-8")
            os.utime(self.about, ns=(before.st_atime_ns, before.st_mtime_ns - self.rng.choice([0, 10**10])))

    def paper_replaced(self):
        before = self.paper.stat()
        self.paper.write_bytes(self.paper.read_bytes() + b"%x\n")
        os.utime(self.paper, ns=(before.st_atime_ns, before.st_mtime_ns + self.rng.choice([-10**10, 10**9])))

    def redirect(self):
        text = self.board.read_text(encoding="utf-8")
        self.board.write_text(text.split("redirects:")[0] if "redirects:" in text
                              else text + "redirects:\n  old-members/: members/\n", encoding="utf-8")

    def theme(self):
        self.css.write_text(self.css.read_text(encoding="utf-8") + f"\n/* {self.rng.random()} */\n", encoding="utf-8")

    def error(self):
        self.people.write_text(self.people.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")

    def mend(self):
        self.people.write_text(self.people.read_text(encoding="utf-8").replace(BROKEN, "\n"), encoding="utf-8")

    changes = (title, person, short_name, june_meeting, about_page, notes_page, about_page_dated_before,
               paper_replaced, redirect, theme, error)


@pytest.mark.parametrize("seed", range(3))
def test_a_random_sequence_of_saves_leaves_the_site_a_fresh_preview_writes(seed, board_repo, tmp_path, monkeypatch):
    rng = random.Random(seed)
    repo = board_repo()
    monkeypatch.setenv("HWBSITE_BOARD", "testboard")
    officer, site = Officer(repo, rng), tmp_path / "preview"
    rebuild = _builder(repo, site)
    assert rebuild() is False
    real, said = plugin_module.script_json, []

    def failing(*args, **kwargs):        # a page that cannot be rendered: the save fails while rendering
        raise PluginError("a page could not be rendered")
    for _ in range(10):
        chosen = rng.sample(Officer.changes, rng.choice([1, 1, 2]))
        fails = rng.random() < 0.15
        for change in chosen:
            change(officer)
        monkeypatch.setattr(plugin_module, "script_json", failing if fails else real)
        said.append(([change.__name__ for change in chosen], fails, rebuild()))
        monkeypatch.setattr(plugin_module, "script_json", real)
        officer.mend()
    stopped = rebuild()
    previewed = _site_files(site)
    fresh = _builder(repo, tmp_path / "fresh")      # the same plugin instance, started again: it keeps nothing
    assert stopped == fresh(), said
    built = _site_files(tmp_path / "fresh")
    assert sorted(uri for uri in previewed.keys() | built.keys() if previewed.get(uri) != built.get(uri)) == [], said
