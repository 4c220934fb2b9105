"""The site's search index: Pagefind, fed each page as it is rendered (a build) or run over the built
HTML (the preview).

Pagefind splits its index into small chunks that a browser fetches only as a
search needs them, so a first search costs a few hundred kilobytes however
long the board's record grows (Material's search downloads the whole index).
Only elements marked `data-pagefind-body` are indexed: page content, never
headers, navigation or footers; papers are never indexed.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path, PurePosixPath

from hwbsite.errors import SearchIndexError

SEARCH_FOLDER = "pagefind"
WAIT = 600   # seconds for Pagefind to answer: it writes a fifty-year board's index in a few


def _command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", SEARCH_FOLDER,
            "--force-language", "en", "--glob", "**/index.html", "--silent"]


def start_index(site_dir: Path, running: subprocess.Popen | None) -> subprocess.Popen:
    """The preview's index of its whole site, in the background, after stopping an older build's."""
    if running is not None and running.poll() is None:
        running.kill()
        running.wait()
        # Stopped while writing, it may have left a file cut short; Pagefind keeps a file whose (hashed)
        # name it finds already written, so such a file would stay: the next index starts from nothing.
        shutil.rmtree(site_dir / SEARCH_FOLDER, ignore_errors=True)
    # The preview's index waits behind the next rebuild, which the officer is waiting for: started through
    # `nice`, not lowered in a function run after fork (which costs a copy of this large process's memory
    # map, 30 ms of each save at ten years, where `nice` lets Python start it without one).
    nice = shutil.which("nice")
    return subprocess.Popen(([nice, "-n", "10"] if nice else []) + _command(site_dir), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


class PageStream:
    """Pagefind's own indexing service (`pagefind --service`, the protocol its Python and Node packages
    speak), sent each page as MkDocs renders it. It indexes on the other core while the next pages
    render, so a build waits only for it to write the index; run over the finished site instead, it
    took a sixth of a ten-year build. The index is the same: a test compares it with Pagefind's own run.

    Requests are base64-encoded JSON ended by a comma, and so are the replies, read by a thread of
    their own so that Pagefind never waits to be heard (and so never stops reading).
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise SearchIndexError("Pagefind's program is not installed (pip install pagefind[bin])")
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.replies: dict[int, dict] = {}
        self.errors: list[str] = []
        self.heard = threading.Condition()
        self.sent, self.ended = 0, False       # ended: Pagefind closed its output (it stopped)
        self.listener = threading.Thread(target=self._listen, daemon=True)
        self.listener.start()
        try:
            self.index = self._ask({"type": "NewIndex", "config": {"force_language": "en"}})["index_id"]
        except BaseException:   # no one else holds it yet: stopped here, so none is left running
            self.close(kill=True)
            raise

    def add(self, path: str, html: str) -> None:
        """Index one page, written at `path` (relative to the site folder, from which its address comes)."""
        self._send({"type": "AddFile", "index_id": self.index, "file_path": path, "url": None,
                    "file_contents": html})

    def write(self, folder: Path) -> None:
        """Write the index into `folder`, once every page was indexed; SearchIndexError if any failed.

        The files are asked for and written here, not by Pagefind's own WriteFiles: Pagefind 1.5.2 answers
        that before its writes reach the disk, and it stops the moment its input closes, so on a busy
        machine the index was left cut short (Pagefind issue #1271) and search found nothing."""
        try:
            files = self._ask({"type": "GetFiles", "index_id": self.index}).get("files")
        finally:
            self.close()
        if self.errors:
            raise SearchIndexError(self.errors[0])
        for path, contents in _index_files(files, folder):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(contents)
            except (NotADirectoryError, IsADirectoryError, FileExistsError) as error:   # `a` and `a/b`, say
                raise SearchIndexError(f"Pagefind named index files that cannot all be written: "
                                       f"{path.relative_to(folder).as_posix()!r} ({error.strerror})") from None

    def close(self, kill: bool = False) -> None:
        """Stop Pagefind (it ends when its input does, or at once with `kill`) and the thread that hears it."""
        if not kill:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                kill = True
        if kill:
            self.process.kill()
            self.process.wait()
        self.listener.join(timeout=10)

    def _send(self, payload: dict) -> int:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}, ensure_ascii=False)
        try:
            self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except OSError:
            raise SearchIndexError("Pagefind stopped while the pages were being indexed") from None
        return self.sent

    def _ask(self, payload: dict) -> dict:
        number = self._send(payload)
        try:
            self.process.stdin.flush()
        except OSError:
            raise SearchIndexError("Pagefind stopped while the pages were being indexed") from None
        with self.heard:
            self.heard.wait_for(lambda: number in self.replies or self.ended, timeout=WAIT)
            reply = self.replies.pop(number, None)      # the index's files are megabytes: not kept after use
        if reply is None:
            raise SearchIndexError(self.errors[0] if self.errors else "Pagefind stopped, or did not reply "
                                   f"within {WAIT} seconds")
        if reply.get("type") == "Error":
            raise SearchIndexError(reply.get("message") or "Pagefind could not index the site")
        return reply

    def _listen(self) -> None:
        waiting = bytearray()     # the index's files come in one reply of several megabytes
        try:
            while chunk := self.process.stdout.read1(1 << 16):
                waiting += chunk
                if b"," not in chunk:
                    continue
                *messages, waiting = waiting.split(b",")
                with self.heard:
                    for message in messages:
                        reply = json.loads(base64.b64decode(message))
                        payload = reply.get("payload") or {}
                        if payload.get("type") == "Error":
                            self.errors.append(payload.get("message") or "Pagefind could not index a page")
                        if reply.get("message_id") is not None:
                            self.replies[reply["message_id"]] = payload
                    self.heard.notify_all()
        except (ValueError, AttributeError, TypeError, OSError):   # not its protocol (binascii.Error is a ValueError)
            self.errors.append("Pagefind's service answered in a way hwbsite does not understand")
            self.process.kill()
        finally:
            with self.heard:
                self.ended = True       # told under the lock: whoever waits sees it, whenever it began
                self.heard.notify_all()


def _index_files(files, folder: Path) -> list[tuple[Path, bytes]]:
    """The index's files as Pagefind sent them (relative paths, base64 contents), each kept inside `folder`."""
    if not isinstance(files, list) or not files:
        raise SearchIndexError("Pagefind sent no index files")
    made = []
    for file in files:
        try:
            relative = PurePosixPath(file["path"])
            contents = base64.b64decode(file["content"], validate=True)
        except (TypeError, KeyError, ValueError):
            raise SearchIndexError("Pagefind's service answered in a way hwbsite does not understand") from None
        if relative.is_absolute() or ".." in relative.parts or not relative.parts or \
                not all(part.isprintable() and part.isascii() for part in relative.parts):
            raise SearchIndexError(f"Pagefind named an index file outside its folder, or oddly: {file['path']!r}")
        made.append((folder.joinpath(*relative.parts), contents))
    return made
