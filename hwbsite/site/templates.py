"""The one Jinja environment for hwbsite's own templates (theme/hwb/): escaping on, unknown names an error."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from hwbsite import cache as kept


@cache
def environment(repo: Path) -> jinja2.Environment:
    """Templates are read from the repository's theme/hwb/, so a board's own copy of the theme is used."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(repo / "theme" / "hwb"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              bytecode_cache=compiled_between_runs())


class _KeptCompiled(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, in hwbsite's cache folder; a folder that cannot be read
    or written only means compiling again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - damaged bytes fail pickle in many ways (OverflowError...): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_between_runs() -> jinja2.BytecodeCache | None:
    """Templates compiled once and kept between runs (see hwbsite/cache.py): Material's templates and
    hwbsite's took a tenth of every build to compile. Jinja compares each template's source with the
    checksum kept beside its bytecode, so an edited template is compiled again."""
    where = kept.folder()
    return None if where is None else _KeptCompiled(str(where / "templates"))
