"""The pages officers write in content/<board>/: what their front matter may say.

A page's front matter could otherwise pick a theme template, switch on theme features or
print raw text where the theme does not escape it; hwbsite lets it set only the title and
the description (both escaped on the page), and reports anything else at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

from hwbsite.model import Board
from hwbsite.model.urls import content_page_path, site_paths
from hwbsite.problems import Problems
from hwbsite.record.loader import YList, YMap, load_yaml, read_text

PAGE_KEYS = ("title", "description")
# Folders the build writes besides the pages: the theme's files, the search index and the officers' editor.
BUILD_FOLDERS = ("assets", "pagefind", "admin")
# Without front matter, MkDocs reads `key: value` lines at the top of a page, and their indented
# continuations, as its meta (MultiMarkdown style).
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
# As MkDocs reads it: a first line of three dashes, then YAML up to a line of three dashes or dots.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(\n|\Z)", re.S)


def check_content_pages(content_dir: Path, pages: list[str], problems: Problems) -> None:
    """Each page read like the data files (UTF-8 text without control characters), then its settings."""
    for page in pages:
        path = content_dir / page
        text = read_text(path, problems)
        if text is None:
            continue
        text = text.replace("\r\n", "\n")
        found = _FRONT_MATTER.match(text)
        if found:
            _check_front_matter(path, found.group(1), problems)
        else:
            _check_meta_lines(path, text, problems)


def _check_meta_lines(path: Path, text: str, problems: Problems) -> None:
    """MkDocs also reads `key: value` lines at the top of a page, up to a blank line, as its meta."""
    for number, line in enumerate(text.split("\n"), start=1):
        key = _META_LINE.match(line)
        if not line.strip() or not (key or (number > 1 and _META_MORE.match(line))):
            return
        if key and key.group("key").lower() not in PAGE_KEYS:
            problems.add(path, number, key.start("key") + 1, "front-matter-key",
                         f"`{key.group('key')}` at the top of a page is read as a setting, and cannot be set",
                         "a page may set only `title` and `description`; remove this line, or leave a blank "
                         "line above it if it is part of the page's text", field=key.group("key"))


def _check_front_matter(path: Path, block: str, problems: Problems) -> None:
    data = load_yaml(path, problems, text="\n" + block)     # the block starts on the file's second line
    if data is None:
        return
    if not isinstance(data, YMap):
        problems.add(path, 2, 1, "front-matter-shape", "the front matter should be `name: value` lines",
                     "write `title: ...` and `description: ...` between the two `---` lines")
        return
    for key in data:
        mark = data.key_marks[key]
        if key not in PAGE_KEYS:
            problems.add(path, mark.line, mark.column, "front-matter-key",
                         f"`{key}` cannot be set in a page's front matter",
                         "a page may set only `title` and `description`; remove this line", field=key)
        elif isinstance(data[key], (YMap, YList)):
            value_mark = data.mark_of(key)
            problems.add(path, value_mark.line, value_mark.column, "wrong-shape",
                         f"`{key}` should be a single line of text", f"write `{key}: your words` on one line",
                         field=key)


def check_page_addresses(board: Board, content_dir: Path, pages: list[str], problems: Problems) -> None:
    """A page whose address the site already gives to something else (`meetings.md` and the meetings list,
    `admin.md` and the editor) would be lost without a word when the site is built."""
    taken = site_paths(board, [])
    for page in pages:
        address = content_page_path(page)
        if "/" + address in taken or address.split("/", 1)[0] in BUILD_FOLDERS:
            problems.add(content_dir / page, 1, 1, "page-address-taken",
                         f"this page would be published at /{address}, which the site already uses",
                         "rename the file (for example `about-our-meetings.md`) so that its address is its own")
