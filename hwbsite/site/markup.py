"""Officers' Markdown made safe to publish.

Markdown is rendered first and the HTML then cleaned by nh3 against an
allow-list, so no script, event handler or `javascript:` link can reach a page
whatever an officer (or a pasted document) puts in a file.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_MARKDOWN = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def render_markdown(text: str | None) -> Markup:
    """Sanitised HTML for a Markdown field; empty for a blank one."""
    return _rendered(text) if text else Markup("")


@lru_cache(maxsize=20_000)
def _rendered(text: str) -> Markup:
    """Kept by its text: under `hwbsite serve` every save makes every page's data again, and the texts
    that did not change (all but one, usually) need not be rendered and cleaned again."""
    html = _MARKDOWN.reset().convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"))


PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "img", "figure", "figcaption", "dl", "dt", "dd", "span", "div"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt", "title", "width", "height"},
                   **{tag: {"id"} for tag in ("h1", "h2", "h3", "h4", "h5", "h6")}}


_IMAGE = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def clean_page(page: str) -> str:
    """A page officers wrote in content/<board>/, as MkDocs rendered it, cleaned like every other text.

    Images become links (or their words): only pages and listed papers leave the repository, and no
    page may ask another host for anything as it loads.
    """
    cleaned = nh3.clean(page, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer")
    return _IMAGE.sub(_image_as_words, cleaned)


def _image_as_words(match: re.Match) -> str:
    # nh3 writes every attribute double-quoted and escaped, so this reads its own output only.
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    words = attributes.get("alt") or attributes.get("title") or ""
    source = html.unescape(attributes.get("src", ""))
    if source.startswith(("https://", "http://")):
        label = Markup("Image: {}").format(html.unescape(words)) if words else Markup("Image")
        return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(source, label)
    return words
