"""The only module that imports MkDocs (the rest of site/ makes plain data): it adds a page per section and
record with `File.generated`, renders their bodies with theme/hwb/, copies only public papers (serve: preview.py)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import base, config_options as c, load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url

from hwbsite.checks import CheckedBoard, check_board
from hwbsite.errors import BuildError
from hwbsite.model.urls import SECTIONS, site_nav
from hwbsite.problems import as_text
from hwbsite.record import find_boards, officers_files, shadows
from hwbsite.record.parsed import keep_parsed
from hwbsite.site.channels import data_files
from hwbsite.site.cms import write_editor
from hwbsite.site.copier import Copier, Job
from hwbsite.site.fragments import CompiledTemplates, share_fragments
from hwbsite.site.linked_data import script_json
from hwbsite.site.markup import clean_page
from hwbsite.site.pages import Page, build_pages
from hwbsite.site import preview
from hwbsite.site.previous import Previous, site_shape, source_key
from hwbsite.site.redirects import paper_files, redirect_maps
from hwbsite.site.search import SEARCH_FOLDER, PageStream
from hwbsite.site.security import csp_meta, rewrite_redirect
from hwbsite.site.templates import compiled_between_runs, environment
from hwbsite.site.toc import plain_tokens, sections


class HwbsiteConfig(base.Config):
    board = c.Optional(c.Type(str))


class _Tracked(File):
    """A file the plugin makes; under `serve`, MkDocs writes it again only when it changed (see preview).
    In a build, a file that is not a page is written by the copier (copier.py) while the pages render."""

    kept = elsewhere = False

    def is_modified(self) -> bool:     # a paper too when its size or time changed (previous.source_key)
        return not self.kept

    def copy_file(self, dirty: bool = False) -> None:
        if not self.elsewhere:
            super().copy_file(dirty)


class _SitePage(MkDocsPage):
    """A page whose body hwbsite's templates render (on_page_content): no Markdown converter is made for it."""

    def render(self, config, files) -> None:
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids, self.links_to_anchors = set(), {}


class HwbsitePlugin(BasePlugin[HwbsiteConfig]):
    checked: CheckedBoard | None = None   # set by build_site, which has checked the board already

    serving = dirty = False

    def on_startup(self, *, command, dirty):
        self.serving, self.dirty = command == "serve", dirty and command == "serve"
        self.previous, self.listing, self.made = Previous(), preview.ThemeListing(), preview.Made()
        self.later = preview.LaterFiles(hold_garbage=self.dirty)   # a build leaves the collector on
        self.compiled, self.copier, self.stream = CompiledTemplates(), Copier(), None
        self.pending = None    # a build's PageStream (stream); the preview's data files, to make after its pages
        keep_parsed(self.dirty)   # each save parses again only the files it changed
        if self.dirty:   # MkDocs' warning that a dirty build may be inaccurate is not true of the preview's
            logging.getLogger("mkdocs.commands.build").addFilter(preview.not_dirty_warning)

    def on_config(self, config):
        repo = Path(config.config_file_path).resolve().parent
        board_id = self.config.board or os.environ.get("HWBSITE_BOARD") or _only_board(repo)
        # Under `serve` this instance lives across rebuilds (it has on_startup): check the files again each time.
        self.later.begin()     # after the previous save's data files (preview.LaterFiles), not beside them
        if self.serving or self.checked is None or self.checked.files.board_id != board_id:
            checked = check_board(repo, board_id)
            if checked.problems.errors:
                raise PluginError("the board's files have errors:\n" + as_text(checked.problems.sorted()))
            self.checked = checked
        board = self.board = self.checked.board
        self.site_pages = {page.uri: page for page in build_pages(self.checked)}
        self.record_date = max((d for m in board.meetings for d in (m.agenda_published, m.minutes_published) if d),
                               default=date(2000, 1, 1))
        content = repo / "content" / board_id
        self._empty = None if content.is_dir() else tempfile.TemporaryDirectory(prefix="hwbsite-empty-")
        content = Path(self._empty.name) if self._empty else content
        config.docs_dir = str(content)
        config.extra["hwb_csp"] = csp_meta(preview=self.serving)
        config.theme.static_templates -= {"sitemap.xml"} if self.serving else set()   # no search engine reads a preview
        config.site_name = board.info.get("short_name") or board.info["name"]
        if board.info.get("site_url"):
            config.site_url = board.info["site_url"]      # canonical links on every page
        config.nav = site_nav(lambda uri: (content / uri).is_file())
        # Old page addresses become redirect pages (mkdocs-redirects); an old file address serves the file.
        self.redirect_maps, self.file_copies = redirect_maps(board, self.site_pages)
        self.env, self.copy_later = environment(repo), []
        if self.dirty:
            self.shared_same = self.previous.begin(preview.shared_fingerprint(
                config.nav, config.site_name, config.site_url, dict(config.extra), self.record_date,
                self.redirect_maps, theme=repo / "theme", settings=Path(config.config_file_path)))
            config.theme.get_env = self.listing.around(config.theme.get_env, self.shared_same)
        return config

    @event_priority(100)  # before other plugins (redirects, search) see the files
    def on_files(self, files: Files, config) -> Files:
        # An allow-list (officers_files); papers are added back below only if a public item or the strategy lists them.
        kept, removed = officers_files(files, config.docs_dir, self.site_pages)
        files = Files(kept)
        # Any theme file a removed file had hidden (listing the theme's files takes a while: only if one did).
        if shadows(removed, config.theme.dirs):
            files.add_files_from_theme(config.theme.get_env(), config)
        papers = paper_files(self.board, self.file_copies)
        shape = (tuple(m.id for m in self.board.meetings), tuple(self.board.decisions), tuple(self.file_copies))
        # Under the preview, a save that keeps the site's shape tells MkDocs only of the pages it changed.
        keys = {uri: source_key(source) for uri, source in papers.items()} if self.dirty else {}
        site = site_shape(self.site_pages, keys)
        narrow = self.later.ready(shape) and self.previous.narrow(site, files.documentation_pages())
        for uri, source in papers.items():
            if not (narrow and self.previous.same(uri, keys.get(uri))):
                self._add(files, config, uri, keys.get(uri), abs_src_path=source)
        made = partial(data_files, self.board, self.checked.typed, self.file_copies)
        for uri, data in ({} if self.serving else made()).items():
            self._add(files, config, uri, data, content=data)
        if self.serving:   # made after the pages (preview.LaterFiles), or before when their addresses change
            self.pending = made if self.later.ready(shape) else self.later.make(made, Path(config.site_dir), shape)
            for uri in () if narrow else self.later.written:      # MkDocs is told only their addresses
                files.append(file := self._file(config, uri, content=b""))
                file.elsewhere = True
        in_nav = {section.source for section in SECTIONS}
        for page in self.site_pages.values():
            key = preview.fingerprint(page) if self.dirty else None
            if narrow and page.uri not in in_nav and self.previous.same(page.uri, key):
                continue
            meta = json.dumps({"title": page.title, "description": page.description})
            inclusion = InclusionLevel.INCLUDED if page.uri in in_nav else InclusionLevel.NOT_IN_NAV
            self._add(files, config, page.uri, key, content=f"---\n{meta}\n---\n", inclusion=inclusion)
        if self.dirty:
            self.previous.finish(site, [f for f in files if not isinstance(f, _Tracked)], self.redirect_maps,
                                 config.site_dir, narrow)     # what MkDocs and mkdocs-redirects write
        self.redirects_made = {} if narrow else self.redirect_maps     # a narrow build's are as they were
        if (redirects := config.plugins.get("redirects")) is not None:
            redirects.config["redirect_maps"] = self.redirects_made
        if not self.serving:   # the files that are not pages are known: written, and the pages indexed, elsewhere
            self.copier.start(self.copy_later)   # first: a process is forked before any thread starts
            self.stream = PageStream()     # its failure, a SearchIndexError, is a BuildError
        self.files = files
        return files

    def _add(self, files: Files, config, uri: str, key, **made) -> None:
        file = self._file(config, uri, **made)
        if not self.serving and not file.is_documentation_page():
            file.elsewhere = True
            self.copy_later.append(Job(file.abs_dest_path, made.get("content"), made.get("abs_src_path")))
        if self.dirty:
            file.kept = self.previous.unchanged(uri, key, file.abs_dest_path) and key is not None
        files.append(file)

    def _file(self, config, uri: str, **made) -> _Tracked:    # under `serve`, a paper's or data file's is made once
        make, reused = partial(_Tracked.generated, config, uri, **made), made.get("content") in (None, b"")
        return self.made.once((uri, made.get("abs_src_path")), make) if self.serving and reused else make()

    def on_env(self, env, *, config, files):
        # Every value the theme prints is escaped, wherever it lands (<title>, meta tags, header, nav,
        # table of contents), unless hwbsite itself marked it as finished HTML.
        env.autoescape = True
        env.bytecode_cache = self.compiled if self.serving else compiled_between_runs()
        share_fragments(env, self._nav_pages)
        return env

    def on_nav(self, nav, *, config, files):
        self._nav_pages = list(nav.pages)
        for file in files.documentation_pages():
            if file.page is None and file.src_uri in self.site_pages:
                _SitePage(None, file, config)
        return nav

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri not in self.site_pages:
            # An officer's page may set only its title and description (validation reports any other key),
            # so front matter can never choose a template or switch on a theme feature.
            page.meta = {key: str(page.meta[key]) for key in ("title", "description") if page.meta.get(key) is not None}
        return markdown

    def on_page_content(self, html, page, config, files):
        site_page: Page | None = self.site_pages.get(page.file.src_uri)
        if site_page is None:      # a page an officer wrote: cleaned like every other text
            page.update_date = self.record_date.isoformat()
            page.toc = get_toc(plain_tokens(page.toc))
            return clean_page(html)
        template = self.env.get_template(site_page.template)
        body = template.render({**site_page.context, "page": site_page, "base": site_page.base,
                                "title": site_page.title})
        # The sidebar contents and Material's skip link come from the page's headings.
        headings = [{"level": 2, "id": anchor, "name": words, "children": []} for anchor, words in sections(body)]
        page.toc = get_toc([{"level": 1, "id": "hwb-title", "name": site_page.title, "children": headings}])
        page.meta["hwb_meta"] = site_page.head.get("meta", [])
        page.meta["hwb_jsonld"] = Markup(script_json(site_page.head["jsonld"])) if site_page.head.get("jsonld") else ""
        # The sitemap's last-modified date comes from the record, not the build clock.
        page.update_date = (site_page.head.get("lastmod") or self.record_date).isoformat()
        return body

    def on_page_context(self, context, *, page, config, nav):
        page.content = Markup(page.content)   # rendered by hwbsite's escaping templates, or cleaned by nh3
        return context

    def on_template_context(self, context, *, template_name, config):
        """A board's 404 page is served at any depth: without site_url, its links start at the site folder
        (the host's root); hosts serving only the root 404.html show index.not_found_page instead."""
        if template_name != "404.html" or config.site_url:
            return context
        base = f"/{self.board.id}/"
        context["base_url"] = base
        context["extra_css"] = [normalize_url(str(path), None, base) for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
        return context

    def on_serve(self, server, config, builder):
        """Watch with the system's change notices (see preview.Changes): a save starts the rebuild at once."""
        repo = Path(config.config_file_path).resolve().parent
        mkdocs_own = [config.docs_dir, config.config_file_path]
        preview.watch(server, mkdocs_own, mkdocs_own + [str(repo / "data" / self.board.id), str(repo / "theme")])
        return server

    def on_post_page(self, output, *, page, config):
        if self.stream is not None and page.file.dest_uri.endswith("index.html"):
            self.stream.add(page.file.dest_uri, output)
        return output

    def on_shutdown(self):
        self.later.wait()     # before MkDocs removes the preview's site folder

    def on_build_error(self, *, error):
        self.copier.stop()
        self.previous.ended(well=False)
        self.later.make(None, Path(), thread=True)   # under `serve`, the failed save's garbage, collected soon after
        if self.stream is not None:
            self.stream.close()

    @event_priority(-100)  # after mkdocs-redirects has written its pages
    def on_post_build(self, config):
        if self._empty is not None:
            self._empty.cleanup()
        for old, new in self.redirects_made.items():   # mkdocs-redirects' pages, written again under the policy
            if (target := self.files.get_file_from_path(new)) is not None:
                rewrite_redirect(Path(config.site_dir), old, target.url)
        self.previous.ended(well=True)
        if self.serving:   # the preview shows the pages at once; its data files and search catch up
            self.later.make(self.pending, Path(config.site_dir), thread=True, index=True)
            return
        self.copier.finish()
        self.stream.write(Path(config.site_dir) / SEARCH_FOLDER)
        # After the search index, which must never list the editor; its refusal is a BuildError.
        write_editor(Path(config.config_file_path).resolve().parent, self.board, Path(config.site_dir))


def _only_board(repo: Path) -> str:
    boards = find_boards(repo)
    if len(boards) != 1:
        raise PluginError(f"choose a board with HWBSITE_BOARD or the plugin's `board` option: {', '.join(boards)}")
    return boards[0]


def build_site(repo: Path, checked: CheckedBoard, folder: Path) -> Path:
    """Build one checked board's site into `folder` (a staging folder: sitedir.Staging moves it into place)."""
    config = load_config(str(repo / "mkdocs.yml"), site_dir=str(folder))
    plugin = config.plugins["hwbsite"]
    plugin.on_startup(command="build", dirty=False)   # MkDocs keeps one instance per process, maybe a preview's
    plugin.config.board, plugin.checked = checked.files.board_id, checked
    try:
        build(config)
    except (Abort, PluginError) as error:
        raise BuildError(str(error)) from None
    finally:    # Ctrl-C too, which MkDocs' on_build_error never sees: no second process outlives the build
        plugin.on_build_error(error=None)
    return folder


def serve_site(repo: Path, board_id: str, address: str) -> None:
    from mkdocs.commands.serve import serve

    os.environ["HWBSITE_BOARD"] = board_id
    serve(config_file=str(repo / "mkdocs.yml"), dev_addr=address, livereload=True, build_type="dirty")
