"""The sidebar's table of contents, read from a page's own headings with an HTML parser.

A generated page lists its `<h2 id>` sections; words inside an element marked `data-toc-skip` (a
"Statutory" tag beside a seat's name) stay on the page but out of the contents. A heading of an
officer's page, given by MkDocs as HTML, becomes plain words the theme then escapes once.
"""

from __future__ import annotations

from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


class _Sections(HTMLParser):
    def __init__(self, level: str) -> None:
        super().__init__(convert_charrefs=True)
        self.level, self.found = level, []
        self._id: str | None = None
        self._words: list[str] = []
        self._depth = 0          # open elements inside the heading
        self._skip_at = None     # the depth at which a data-toc-skip element opened

    def handle_starttag(self, tag, attrs):
        if self._id is None:
            attributes = dict(attrs)
            if tag == self.level and attributes.get("id"):
                self._id, self._words, self._depth = attributes["id"], [], 0
            return
        if tag in VOID:
            return
        self._depth += 1
        if self._skip_at is None and any(name == "data-toc-skip" for name, _ in attrs):
            self._skip_at = self._depth

    def handle_endtag(self, tag):
        if self._id is None:
            return
        if self._depth == 0 and tag == self.level:
            self.found.append((self._id, "".join(self._words).strip()))
            self._id = None
            return
        if self._skip_at == self._depth:
            self._skip_at = None
        self._depth -= 1

    def handle_data(self, data):
        if self._id is not None and self._skip_at is None:
            self._words.append(data)


def sections(body: str, level: str = "h2") -> list[tuple[str, str]]:
    """(id, words) of each heading of `level` that has an id, in page order.

    Only the headings themselves are parsed (a page body is mostly tables): each runs from `<h2` to the
    first `</h2>` after it. Text on the page is escaped, so `<h2` can only be a heading's tag.
    """
    parser = _Sections(level)
    opening, closing = f"<{level}", f"</{level}>"
    start = body.find(opening)
    while start != -1:
        end = body.find(closing, start)
        end = len(body) if end == -1 else end + len(closing)
        parser.feed(body[start:end])
        start = body.find(opening, end)
    parser.close()
    return parser.found


def plain_tokens(toc) -> list[dict]:
    """MkDocs' own contents of an officer's page, each heading as plain words (Markdown gives it as HTML)."""
    return [{"level": link.level, "id": link.id, "name": plain_words(link.title), "children": plain_tokens(link.children)}
            for link in toc]


def plain_words(fragment: str) -> str:
    """An HTML fragment's words, entities decoded, tags dropped."""
    parser = _Words(convert_charrefs=True)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.words).strip()


class _Words(HTMLParser):
    def reset(self):
        super().reset()
        self.words: list[str] = []

    def handle_data(self, data):
        self.words.append(data)
