"""A build's files that are not pages, written on the machine's other core while the pages render.

Papers, open data, calendars, feeds and decisions' data are known (and made) before MkDocs renders the
first page, and nothing in a page depends on them being on disk. So `hwbsite build` writes them from a
second process, forked once they are known, while this one renders pages; the search index, which
reads the pages, starts after both. Where a process cannot be forked (Windows), or other threads are
running (a fork would copy their locks half-held), they are written here, after the pages, as before.
A failure in the second process (a full disk, a folder that cannot be written, or a fault) is raised
here as the same exception, naming the file; a build that fails for another reason stops the second
process first.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    destination: str
    content: str | bytes | None = None     # the file's text or bytes, or
    source: str | None = None              # the file to copy


def write(jobs: list[Job]) -> None:
    """Write each job's file, making its folder."""
    made: set[str] = set()
    for job in jobs:
        folder = os.path.dirname(job.destination)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if job.source is not None:
            shutil.copyfile(job.source, job.destination)
        elif isinstance(job.content, str):
            with open(job.destination, "w", encoding="utf-8") as handle:
                handle.write(job.content)
        else:
            with open(job.destination, "wb") as handle:
                handle.write(job.content or b"")


class Copier:
    """Writes the jobs in a forked process (`start`), or here when `finish` is called if it could not."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.report: int | None = None
        self.waiting: list[Job] = []

    def start(self, jobs: list[Job]) -> None:
        if not hasattr(os, "fork") or threading.active_count() > 1:
            self.waiting = jobs
            return
        read, report = os.pipe()
        pid = os.fork()
        if pid == 0:    # the second process: write, say what failed, and leave without running any clean-up
            os.close(read)
            status = 0
            try:
                write(jobs)
            except BaseException as error:  # noqa: BLE001 - raised again in the build, which stops
                try:
                    told = memoryview(pickle.dumps(error))
                except Exception:  # noqa: BLE001 - an exception that cannot be pickled: its words
                    told = memoryview(pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}")))
                while told:
                    told = told[os.write(report, told):]
                status = 1
            os._exit(status)
        os.close(report)
        self.pid, self.report = pid, read

    def finish(self) -> None:
        """Wait for the files; what the second process raised is raised here, as it was raised there."""
        if self.pid is None:
            jobs, self.waiting = self.waiting, []
            write(jobs)
            return
        message = b""
        while chunk := os.read(self.report, 65536):
            message += chunk
        _, status = os.waitpid(self.pid, 0)
        os.close(self.report)
        self.pid = self.report = None
        if os.waitstatus_to_exitcode(status) != 0:
            try:
                error = pickle.loads(message)
            except Exception:  # noqa: BLE001 - nothing told (the process was killed): the disk's fault, say
                error = None
            if not isinstance(error, BaseException):
                raise OSError(errno.EIO, "the files other than pages could not be written")
            raise error     # what writing them raised there, an OSError naming the file or a fault

    def stop(self) -> None:
        """A build that failed: stop the second process before its folder is removed."""
        if self.pid is not None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            os.close(self.report)
            self.pid = self.report = None
        self.waiting = []
