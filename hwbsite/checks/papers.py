"""Papers an officer is about to publish: not too large, in an open format, and accessible PDFs.

Format (documents only, never a Git LFS pointer) and size are checked for every paper. PDF
accessibility (a title, a language, tags for screen readers) is checked for papers of meetings from
the last twelve months and of future meetings, when a paper is being published and can still be
replaced; it needs each PDF opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from hwbsite import cache
from hwbsite.problems import WARNING, Problems
from hwbsite.words import PAPER_KINDS
from hwbsite.record.fields import Source

# Documents only: a web page, an image or a script would run on the board's site with its address.
PAPER_TYPES = frozenset(PAPER_KINDS)
LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"
DEFAULT_MAX_MB = 15


def check_paper_file(path: str, source: Source, column: str, problems: Problems, max_mb: float,
                     check_accessibility: bool) -> None:
    """`path` is absolute, and a plain string: a ten-year board lists thousands of papers."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""     # as Path.suffix gives it
    if suffix not in PAPER_TYPES:
        problems.at(source, column, "paper-type",
                    f"`{name[dot:] if suffix else name}` files cannot be published as papers",
                    "publish papers as PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument (ODT, ODS, "
                    "ODP), CSV or plain text (TXT); a web page belongs elsewhere, listed with `url:`")
        return
    stat = os.stat(path)
    identity = (path, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if identity not in _POINTERS:
        _POINTERS[identity] = _starts_with(path, LFS_POINTER)
    if _POINTERS[identity]:
        problems.at(source, column, "lfs-pointer",
                    "this file is a Git LFS pointer, not the paper: Git LFS files were not fetched",
                    "enable LFS in the workflow that builds the site (`lfs: true` on actions/checkout, "
                    "`git lfs pull` on GitLab), or run `git lfs pull` on your computer")
        return
    size = stat.st_size
    if size > max_mb * 1024 * 1024:
        problems.at(source, column, "paper-too-large",
                    f"the paper is {size / 1024 / 1024:.1f} MB, over the board's limit of {max_mb:g} MB",
                    "large files make the repository slow for everyone: compress the PDF, or store papers "
                    "with Git LFS (`git lfs track \"*.pdf\"`)", severity=WARNING)
    if check_accessibility and suffix == ".pdf":
        _accessible_pdf(Path(path), source, column, problems)


def _starts_with(path: str, head: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(head)) == head
    except OSError:
        return False


# The facts of each PDF read, by the file's identity (path, inode, size, time), kept in this process
# (the preview checks the board again on every save) and between runs (see hwbsite/cache.py): a paper
# that did not change need not be opened again.
_FACTS: dict[tuple, tuple[str, str, bool] | str] = {}
_POINTERS: dict[tuple, bool] = {}      # whether each file (by the same identity) is a Git LFS pointer


def _pdf_facts(path: Path) -> tuple[str, str, bool] | str:
    """The title, language and whether the PDF is tagged; or, when it cannot be read, why."""
    stat = os.stat(path)
    where, identity = os.path.abspath(path), [stat.st_ino, stat.st_size, stat.st_mtime_ns]
    if (where, *identity) in _FACTS:
        return _FACTS[(where, *identity)]
    stored = cache.kept("pdf-facts")
    facts = stored.get(where, identity)
    if isinstance(facts, list) and [type(fact) for fact in facts] == [str, str, bool]:
        facts = tuple(facts)
    elif not isinstance(facts, str):    # not kept, or kept in another shape (a damaged file): read it
        try:
            facts = _read_pdf_facts(path)
        except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on malformed files; each is the file's fault
            facts = f"{type(error).__name__}: {error}"
        stored.put(where, identity, facts if isinstance(facts, str) else list(facts))
    _FACTS[(where, *identity)] = facts
    return facts


def _read_pdf_facts(path: Path) -> tuple[str, str, bool]:
    """Read defensively: any entry may be any type. pypdf is imported only when a PDF is checked."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import DictionaryObject

    reader = PdfReader(path)
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject):
        raise PdfReadError("the document catalogue is not a dictionary")
    info = reader.metadata
    title = info.get("/Title") if isinstance(info, dict) else None
    title = title.get_object() if hasattr(title, "get_object") else title
    mark_info = root.get("/MarkInfo")
    mark_info = mark_info.get_object() if hasattr(mark_info, "get_object") else mark_info
    marked = isinstance(mark_info, DictionaryObject) and bool(mark_info.get("/Marked"))
    language = root.get("/Lang")
    language = language.get_object() if hasattr(language, "get_object") else language
    return (title if isinstance(title, str) else ""), (language if isinstance(language, str) else ""), \
        marked and "/StructTreeRoot" in root


def _accessible_pdf(path: Path, source: Source, column: str, problems: Problems) -> None:
    facts = _pdf_facts(path)
    if isinstance(facts, str):
        problems.at(source, column, "pdf-unreadable", f"the PDF cannot be read ({facts})",
                    "open it and save it again as PDF, or export it again from the original document",
                    severity=WARNING)
        return
    title, language, tagged = facts
    advice = "when saving as PDF, choose the accessible (tagged) PDF option and give the document a title"
    if not title.strip():
        problems.at(source, column, "pdf-no-title", "the PDF has no title, so screen readers announce its file name",
                    "set the title in the document's properties, then " + advice, severity=WARNING)
    if not language.strip():
        problems.at(source, column, "pdf-no-language", "the PDF does not say what language it is in",
                    "set the document's language to English (United Kingdom), then " + advice, severity=WARNING)
    if not tagged:
        problems.at(source, column, "pdf-untagged",
                    "the PDF is not tagged, so screen readers cannot follow its headings and reading order",
                    advice, severity=WARNING)
