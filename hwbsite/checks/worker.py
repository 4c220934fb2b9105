"""Frictionless on the machine's other core: its cell readers start while this process reads the files.

Importing Frictionless takes about a third of a second and reading a ten-year board's YAML about as
long, and neither needs the other. So a check forks a second process first; it imports Frictionless
and builds the cell readers while this one reads the files, then types the rows it is sent and sends
them back (checks/tables.py `typed_rows`, the same code either way). Where a process cannot be forked
(Windows), where other threads run (the preview's server: a fork would copy their locks half-held), or
if the second process fails in any way, the rows are typed here as before.
"""

from __future__ import annotations

import os
import pickle
import struct
import threading

_SIZE = struct.Struct("!Q")


class Typist:
    """A second process that types tables' rows; `rows` falls back to typing here when it cannot."""

    def __init__(self) -> None:
        self.pid: int | None = None
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        asked, ask = os.pipe()
        answer, answered = os.pipe()
        pid = os.fork()
        if pid == 0:    # the second process: never returns, never runs the parent's clean-up
            os.close(ask)
            os.close(answer)
            status = 1
            try:
                _serve(asked, answered)
                status = 0
            finally:
                os._exit(status)
        os.close(asked)
        os.close(answered)
        self.pid, self.ask, self.answer = pid, ask, answer

    def rows(self, tables: dict[str, list[dict]]) -> dict[str, list[tuple[dict, list]]]:
        """Each table's (typed row, errors), from the second process when it is there and answers."""
        from hwbsite.checks.tables import typed_rows

        if self.pid is not None:
            try:
                _send(self.ask, tables)
                return _receive(self.answer)
            except (OSError, EOFError, pickle.UnpicklingError, struct.error):
                pass        # it stopped: type the rows here
            finally:
                self.close()
        return {name: list(typed_rows(name, rows)) for name, rows in tables.items()}

    def close(self) -> None:
        if self.pid is not None:
            for end in (self.ask, self.answer):
                os.close(end)
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = None


def _serve(asked: int, answered: int) -> None:
    from hwbsite.checks.tables import TABLES, _readers, typed_rows

    for name in TABLES:     # the readers, while the other process reads the files
        _readers(name)
    tables = _receive(asked)
    _send(answered, {name: list(typed_rows(name, rows)) for name, rows in tables.items()})


def _send(end: int, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(end, view):]


def _receive(end: int):
    size = _SIZE.unpack(_read(end, _SIZE.size))[0]
    return pickle.loads(_read(end, size))


def _read(end: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = os.read(end, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the second process stopped")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
