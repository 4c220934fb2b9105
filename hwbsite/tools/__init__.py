"""Bringing a board's record in from other systems: importers that write the board's own files.

Each importer writes only what `hwbsite validate` accepts, records where every record came from,
and lists for an officer what it could not know.
"""
