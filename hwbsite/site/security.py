"""What a published page may load and run: one policy for every page hwbsite writes.

GitHub and GitLab Pages cannot send headers, so the policy travels in each page as a
`<meta http-equiv>`: scripts, styles, images, fonts and requests come only from the site
itself and no inline script runs. Pagefind's search compiles WebAssembly, which
'wasm-unsafe-eval' allows (it does not allow eval or inline script); data: images are the
icons Material's stylesheet carries.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
from pathlib import Path

from markupsafe import Markup

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
))


def csp_meta(*style_hashes: str, preview: bool = False) -> Markup:
    """The policy as a meta tag; `style_hashes` allow a page's own inline <style> blocks, by content.

    `preview` is for `hwbsite serve` alone: MkDocs' live reload is an inline script it adds to each
    page it serves on the officer's own machine. A built site never carries it.
    """
    policy = CONTENT_SECURITY_POLICY
    if preview:
        policy = policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    if style_hashes:
        policy = policy.replace("style-src 'self'", "style-src 'self' " + " ".join(f"'{h}'" for h in style_hashes))
    return Markup('<meta http-equiv="Content-Security-Policy" content="{}">').format(policy)


def style_hash(css: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")


def redirect_page(target: str, script: str) -> str:
    """A page that sends visitors on to `target` (keeping the #anchor with `script`, a file of the site)."""
    return Markup(
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{csp}\n'
        '<title>Redirecting…</title>\n<link rel="canonical" href="{url}">\n'
        '<meta http-equiv="refresh" content="0; url={url}">\n<script src="{script}"></script>\n</head>\n'
        '<body>\n<p>This page has moved to <a href="{url}">a new address</a>.</p>\n</body>\n</html>\n'
    ).format(csp=csp_meta(), url=target, script=script)



def rewrite_redirect(site_dir: Path, old: str, target_url: str) -> None:
    """Write mkdocs-redirects' page for `old` (a source such as `old/index.md`) again under the site's policy,
    its script moved to a file: the page it wrote carries an inline script."""
    page = site_dir / (old[: -len("index.md")] + "index.html")
    if not page.is_file():
        return
    folder = old[: -len("index.md")].rstrip("/") or "."
    href = posixpath.relpath(target_url.rstrip("/") or ".", start=folder)
    href = "./" if href == "." else href + "/"
    script = "../" * old.count("/") + "assets/hwb-redirect.js"
    page.write_text(redirect_page(href, script), encoding="utf-8")
