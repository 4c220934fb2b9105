"""Reading a board's files: strict YAML and CSV with every value's position, into the flat tables the schemas describe.

Nothing here judges a value; it records what the officer typed and where, so every later problem can name
the file and line.
"""

from pathlib import Path

from hwbsite.record.catalogue import NOT_PUBLISHED, PUBLISHED, SLUG_PATTERN, TABLES, schema_descriptor
from hwbsite.record.content import content_files, content_pages, is_page, officers_files, shadows, through_link
from hwbsite.record.fields import FIELDS, Block, Source
from hwbsite.record.loader import Mark, YList, YMap, load_csv, load_yaml, read_text
from hwbsite.record.reader import read_board
from hwbsite.record.tables import BoardFiles, Table

__all__ = ["FIELDS", "NOT_PUBLISHED", "PUBLISHED", "SLUG_PATTERN", "TABLES", "Block", "BoardFiles", "Mark", "Source",
           "Table", "YList", "YMap", "content_files", "content_pages", "find_boards", "is_page", "load_csv",
           "load_yaml", "officers_files", "read_board", "read_text", "schema_descriptor", "shadows", "through_link"]


def find_boards(repo: Path) -> list[str]:
    """The boards in a repository: the folders under data/."""
    data = repo / "data"
    return sorted(p.name for p in data.iterdir() if p.is_dir()) if data.is_dir() else []
