"""The officers' editor at /<board>/admin/: Decap CMS served from the site, with its generated config.

The editor is not a public page. It is written after the site is built and indexed, so it is in
no sitemap, search index, feed, ledger or open data, and its page says `noindex`. Its bundle is
copied from the npm package the project's set-up installs; without it the build goes on and says
the editor was skipped.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup

from hwbsite.site.cms_fields import choices, fields_of, item_types
from hwbsite.record.lists import LIST_KEYS
from hwbsite.record.loader import YList, load_yaml
from hwbsite.model import Board
from hwbsite.errors import BuildError
from hwbsite.problems import Problems

EDITOR_FOLDER = "admin"
BUNDLE = Path(".tools") / "node_modules" / "decap-cms" / "dist"
# Our own stylesheet and script for Decap's interface (contrast, small screens, names for icon buttons).
OWN_FILES = Path(__file__).parent / "editor"
LOCAL_BACKEND_VARIABLE = "HWBSITE_EDITOR_LOCAL_BACKEND"
# Files of the record kept as one list each, and the key the editor keeps that list under.
# The list files the editor offers: every one record/lists reads, but indicators.yml (no indicators collection).
LIST_FILES = {name: key for name, key in LIST_KEYS.items() if name != "indicators.yml"}
# A new meeting's id (its file name, and its papers' folder) is the day it starts.
MEETING_ID = "{{fields.start | date('YYYY-MM-DD')}}"
HOSTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com"}


class EditorError(BuildError):
    """A setting that would make an editor pointing somewhere unsafe: the build stops."""


@dataclass(frozen=True)
class EditorResult:
    written: bool
    note: str


def local_backend_url(value: str | None) -> str | None:
    """decap-server's address on the officer's own machine: only http on loopback is accepted."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost") or not parts.port:
        raise EditorError(f"{LOCAL_BACKEND_VARIABLE} must be decap-server's address on this machine, such as "
                          f"http://127.0.0.1:8081/api/v1, not {value}")
    return value


def backend(board: Board) -> dict | None:
    """Decap's backend from board.yml `editor:`: GitHub, or GitLab signing in with PKCE (no server)."""
    info = board.info
    if not info.get("editor_host") or not info.get("editor_repo"):
        return None
    found = {"name": info["editor_host"], "repo": info["editor_repo"],
             "branch": info.get("editor_branch") or "main"}
    if info.get("editor_auth_url"):
        found["base_url"] = info["editor_auth_url"].rstrip("/")
    if info["editor_host"] == "gitlab":
        found.update(auth_type="pkce", app_id=info.get("editor_app_id") or "")
        if info.get("editor_auth_url"):
            found["api_root"] = found["base_url"] + "/api/v4"
    return found


def _list_form(path: Path) -> bool:
    """Whether the editor can hold the file: absent, or its entries under one key (Decap cannot edit a
    file that is a bare list, and would show it empty)."""
    if not path.is_file():
        return True
    return not isinstance(load_yaml(path, Problems(path.parent)), YList)


def collections(board: Board, data: str, content: str, data_dir: Path) -> tuple[list[dict], list[str]]:
    """The editor's collections, and the list files it leaves out because they are bare lists."""
    options = choices(board)
    meeting_fields = fields_of("meeting", options)
    for made in meeting_fields:
        if made["name"] == "items":
            made.pop("fields")
            made.update(types=item_types(options), typeKey="session", label="Agenda items")
    _paper_uploads(meeting_fields, content)
    found = [{
        "name": "meetings", "label": "Meetings", "label_singular": "Meeting", "folder": f"{data}/meetings",
        "extension": "yml", "format": "yml", "create": True, "identifier_field": "start",
        "slug": MEETING_ID,
        "summary": "{{fields.start | date('YYYY-MM-DD')}}: {{fields.kind | default('ordinary')}} meeting, {{fields.status}}",
        "sortable_fields": [{"field": "start", "default_sort": "desc"}], "fields": meeting_fields,
    }, {
        "name": "pages", "label": "Pages", "label_singular": "Page", "folder": content, "extension": "md",
        "format": "frontmatter", "create": True, "slug": "{{slug}}",
        "fields": [{"name": "title", "label": "Title", "widget": "string"},
                   {"name": "description", "label": "Description", "widget": "string", "required": False},
                   {"name": "body", "label": "Text (Markdown)", "widget": "markdown", "modes": ["raw"],
                    "editor_components": []}],
    }]
    files, skipped = [], []
    files.append({"name": "board", "label": "Board settings", "file": f"{data}/board.yml",
                  "fields": fields_of("board", options)})
    for name, key in LIST_FILES.items():
        if not _list_form(data_dir / name):
            skipped.append(name)
            continue
        files.append({"name": key, "label": key.replace("-", " ").capitalize(), "file": f"{data}/{name}",
                      "fields": [{"name": key, "label": key.replace("-", " ").capitalize(), "widget": "list",
                                  "fields": fields_of(key, options)}]})
    strategy = fields_of("strategy", options)
    for made in strategy:
        if made["name"] == "document":
            made.update(widget="file", choose_url=False, media_folder=f"/{content}/papers/strategy",
                        public_folder="papers/strategy")
            made.pop("pattern", None)
    files.append({"name": "strategy", "label": "Strategy", "file": f"{data}/strategy.yml", "fields": strategy})
    found.append({"name": "record", "label": "Board record", "files": files})
    return found, skipped


def _paper_uploads(meeting_fields: list[dict], content: str) -> None:
    """A public item's paper is uploaded into papers/<meeting id>/ and listed by that path."""
    for item_type in next(f for f in meeting_fields if f["name"] == "items")["types"]:
        for made in item_type["fields"]:
            if made["name"] != "papers":
                continue
            for paper in made["fields"]:
                if paper["name"] == "file":
                    paper.update(widget="file", choose_url=False, media_folder=f"/{content}/papers/{MEETING_ID}",
                                 public_folder=f"papers/{MEETING_ID}",
                                 hint="upload the PDF: it is saved in papers/<meeting id>/ with a clean name")
                    paper.pop("pattern", None)


def editor_config(board: Board, data_dir: Path, local_backend: str | None) -> tuple[dict, list[str]]:
    data, content = f"data/{board.id}", f"content/{board.id}"
    # Without `editor:` settings only the officer's own decap-server can be used (local_backend_url).
    found_backend = backend(board) or {"name": "proxy", "proxy_url": local_backend}
    made, skipped = collections(board, data, content, data_dir)
    config = {"backend": found_backend, "publish_mode": "editorial_workflow", "locale": "en",
              "media_folder": f"{content}/papers", "public_folder": "papers",
              "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
              "editor": {"preview": False}, "collections": made}
    if board.info.get("site_url"):
        config["site_url"] = board.info["site_url"]
    if local_backend:
        config["local_backend"] = {"url": local_backend}
    return config, skipped


def policy(config: dict) -> str:
    """The editor's Content-Security-Policy: what Decap needs, and nothing else (see docs/design-notes.md)."""
    hosts = []
    chosen = config["backend"]
    if chosen.get("api_root"):
        hosts.append(_origin(chosen["api_root"]))
    elif chosen["name"] in HOSTS:
        hosts.append(HOSTS[chosen["name"]])
    if chosen.get("base_url"):
        hosts.append(_origin(chosen["base_url"]))
    if config.get("local_backend"):
        hosts.append(_origin(config["local_backend"]["url"]))
    connect = " ".join(["'self'", "blob:", *dict.fromkeys(hosts)])
    return "; ".join((
        "default-src 'self'", "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self'",
        f"connect-src {connect}", "media-src 'self' blob:", "worker-src 'self' blob:", "frame-src 'none'",
        "object-src 'none'", "base-uri 'self'", "form-action 'none'"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editor: {name}</title>
<link rel="stylesheet" href="editor.css">
</head>
<body>
<noscript><p>The editor needs JavaScript. Without it, edit the files on the code host as the officers' guide
explains.</p></noscript>
<script src="editor.js"></script>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def editor_plan(repo: Path, board: Board) -> EditorResult:
    """Whether a build writes the editor, and what to tell the officer either way."""
    local = local_backend_url(os.environ.get(LOCAL_BACKEND_VARIABLE))
    if not (repo / BUNDLE / "decap-cms.js").is_file():
        return EditorResult(False, "the editor was skipped: the Decap CMS bundle is not installed "
                                   "(the README's set-up command installs it into .tools/)")
    if backend(board) is None and not local:
        return EditorResult(False, "the editor was skipped: board.yml has no `editor:` settings "
                                   "(see 'Editing in the browser' in docs/officers-guide.md)")
    skipped = [name for name in LIST_FILES if not _list_form(repo / "data" / board.id / name)]
    note = f"the editor is at {EDITOR_FOLDER}/"
    if skipped:
        note += (f"; it leaves out {', '.join(skipped)}, written as bare lists (to edit one in the browser, "
                 f"put `{LIST_FILES[skipped[0]]}:` on its first line and indent the entries under it)")
    return EditorResult(True, note)


def write_editor(repo: Path, board: Board, site_dir: Path) -> EditorResult:
    """Write /<board>/admin/ into a built site; skipped (and said so) without the bundle or settings."""
    plan = editor_plan(repo, board)
    if not plan.written:
        return plan
    bundle = repo / BUNDLE
    config, _ = editor_config(board, repo / "data" / board.id,
                              local_backend_url(os.environ.get(LOCAL_BACKEND_VARIABLE)))
    folder = site_dir / EDITOR_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for path in bundle.iterdir():
        if path.is_file() and _BUNDLE_FILE.fullmatch(path.name):
            shutil.copyfile(path, folder / path.name)
    for name in ("editor.css", "editor.js"):
        shutil.copyfile(OWN_FILES / name, folder / name)
    (folder / "config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    name = str(Markup.escape(board.info["name"]))
    (folder / "index.html").write_text(PAGE.format(policy=policy(config), name=name), encoding="utf-8")
    return plan


# The bundle's entry, its chunks, WebAssembly and licence notice; not the source maps or the older cms.js copy.
_BUNDLE_FILE = re.compile(r"(\d+\.)?decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt|cms\.css")
