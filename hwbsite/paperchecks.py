"""Papers an officer is about to publish: not too large, in an open format, and accessible PDFs.

Size and format are checked for every paper. PDF accessibility (a title, a language, tags for
screen readers) is checked for papers of meetings from the last twelve months and of future
meetings, when a paper is being published and can still be replaced; it needs each PDF opened.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject

from .problems import WARNING, Problems
from .records import Source

OPEN_FORMATS = {".pdf", ".docx", ".xlsx", ".odt", ".ods", ".csv", ".html"}
DEFAULT_MAX_MB = 15


def check_paper_file(path: Path, source: Source, column: str, problems: Problems, max_mb: float,
                     check_accessibility: bool) -> None:
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        problems.at(source, column, "paper-too-large",
                    f"the paper is {size / 1024 / 1024:.1f} MB, over the board's limit of {max_mb:g} MB",
                    "large files make the repository slow for everyone: compress the PDF, or store papers "
                    "with Git LFS (`git lfs track \"*.pdf\"`)", severity=WARNING)
    if path.suffix.lower() not in OPEN_FORMATS:
        problems.at(source, column, "paper-type",
                    f"`{path.suffix or path.name}` files may not open for everyone",
                    "publish papers as PDF, DOCX, XLSX, ODT, ODS, CSV or HTML", severity=WARNING)
    if check_accessibility and path.suffix.lower() == ".pdf":
        _accessible_pdf(path, source, column, problems)


def _pdf_facts(path: Path) -> tuple[str, str, bool]:
    """The title, language and whether the PDF is tagged, read defensively: any entry may be any type."""
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
    try:
        title, language, tagged = _pdf_facts(path)
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on malformed files; each is the file's fault
        problems.at(source, column, "pdf-unreadable", f"the PDF cannot be read ({type(error).__name__}: {error})",
                    "open it and save it again as PDF, or export it again from the original document",
                    severity=WARNING)
        return
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
