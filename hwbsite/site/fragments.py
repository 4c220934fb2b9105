"""Parts of the theme's page that are the same on many pages, rendered once per build and reused.

Material renders its navigation, tabs and settings script for every page, which was most of the
time a page took. For a page outside the navigation (every meeting, decision and person) nothing in
the navigation or tabs is marked active, and every link in them is relative (`../../meetings/`): from
two pages in the same folder (`decisions/hwb-2025-001/`, `decisions/hwb-2025-002/`) a link is the
same text unless it points inside one of the pages themselves. So each fragment is kept by the
page's folder the first time it is rendered, and the same text is used again, for every page outside
the navigation that no navigation entry or theme asset lies under.

This wraps Jinja's compiled render functions of the theme's templates (`Template.root_render_func`
for a partial, `Template.blocks` for a block), so the theme itself is not copied or changed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

import jinja2

# (template, block or None for the whole partial): Material's navigation, its tabs, its settings script.
SHARED = (("partials/nav.html", None), ("partials/tabs.html", None), ("base.html", "config"))
ASSETS = "assets/"


def share_fragments(env: jinja2.Environment, nav_pages: list) -> None:
    """Render each shared fragment once per folder of pages in this environment (one build)."""
    in_nav = {id(page) for page in nav_pages}
    nav_urls = [page.url for page in nav_pages]

    def folder(page) -> str | None:
        """The key a page's fragments are kept by, or None when they must be rendered for it alone."""
        if page is None or id(page) in in_nav or not page.url or page.url.startswith(ASSETS) \
                or ASSETS.startswith(page.url) or any(url.startswith(page.url) for url in nav_urls):
            return None
        return posixpath.dirname(page.url.rstrip("/"))

    for name, block in SHARED:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        if block is None:
            template.root_render_func = _kept(template.root_render_func, folder)
        elif block in template.blocks:
            template.blocks[block] = _kept(template.blocks[block], folder)


def _kept(render: Callable[..., Iterator[str]], folder: Callable[[object], str | None]):
    rendered: dict[str, str] = {}

    def render_once(context, *args, **kwargs) -> Iterator[str]:
        key = folder(context.get("page"))
        if key is None:
            yield from render(context, *args, **kwargs)
            return
        if key not in rendered:
            rendered[key] = "".join(render(context, *args, **kwargs))
        yield rendered[key]

    return render_once


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for the preview's whole session, not again at every rebuild
    (MkDocs makes a new Jinja environment for each). Jinja checks each template's source before reuse."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
