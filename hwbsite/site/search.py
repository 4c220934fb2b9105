"""The site's search index: Pagefind, run over the built HTML.

Pagefind splits its index into small chunks that a browser fetches only as a
search needs them, so a first search costs a few hundred kilobytes however
long the board's record grows (Material's search downloads the whole index).
Only elements marked `data-pagefind-body` are indexed: page content, never
headers, navigation or footers; papers are never indexed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hwbsite.errors import SearchIndexError

SEARCH_FOLDER = "pagefind"


def _command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", SEARCH_FOLDER,
            "--force-language", "en", "--glob", "**/index.html", "--silent"]


def index_site(site_dir: Path) -> Path:
    """Write the search index into site_dir/pagefind/ and return that folder."""
    result = subprocess.run(_command(site_dir), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip() or f"pagefind exited {result.returncode}")
    return site_dir / SEARCH_FOLDER


def start_index(site_dir: Path, running: subprocess.Popen | None, report: bool = False) -> subprocess.Popen:
    """Start indexing in the background, after stopping an index of an older build (the preview);
    with `report`, its messages are kept for `finish_index`."""
    if running is not None and running.poll() is None:
        running.kill()
        running.wait()
    output = subprocess.PIPE if report else subprocess.DEVNULL
    # The preview's index waits behind the next rebuild, which the officer is waiting for.
    lower = None if report or not hasattr(os, "nice") else (lambda: os.nice(10))
    return subprocess.Popen(_command(site_dir), stdout=output, stderr=output, text=True, preexec_fn=lower)


def finish_index(process: subprocess.Popen) -> None:
    """Wait for an index started with `report`; SearchIndexError if Pagefind failed."""
    out, err = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError((err or out).strip() or f"pagefind exited {process.returncode}")
