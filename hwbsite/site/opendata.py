"""The board's record as an open data package: the very tables and schemas validation used.

Published at /data/ as `datapackage.json` with one CSV and one JSON file per
table, under the Open Government Licence. Papers of exempt items are left
out, and so are the site's own settings (redirects, withdrawn addresses).
Anyone can check the package with `frictionless validate`.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

from hwbsite.model import Board
from hwbsite.model.urls import PACKAGE, table_url
from hwbsite.record import PUBLISHED, schema_descriptor

LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def public_rows(typed: dict[str, list[dict]], table: str) -> list[dict]:
    rows = typed[table]
    if table == "papers":
        exempt = {(i["meeting"], i["number"]) for i in typed["items"] if i["exempt"] is not None}
        rows = [r for r in rows if (r["meeting"], r["item"]) not in exempt]
    return rows


def package_files(board: Board, typed: dict[str, list[dict]]) -> dict[str, str]:
    """{path under the site: content} for the package, its CSVs and its JSON files, from the typed rows."""
    files, resources = {}, []
    for table in PUBLISHED:
        schema = schema_descriptor(table)
        header = [f["name"] for f in schema["fields"]]
        rows = [[_cell(row.get(name)) for name in header] for row in public_rows(typed, table)]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        files[table_url(table, "csv")] = buffer.getvalue()
        files[table_url(table, "json")] = json.dumps(
            [{name: _json_value(row.get(name)) for name in header} for row in public_rows(typed, table)],
            indent=1, ensure_ascii=False) + "\n"
        resources.append({"name": table.replace("_", "-"), "title": schema["title"],
                          "description": schema["description"], "path": f"{table}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": _published_schema(schema)})
    package = {"name": f"{board.id}-health-and-wellbeing-board", "title": board.info["name"],
               "description": f"The public record of the {board.info['name']}: meetings, agenda items, papers, "
                              "decisions, attendance, declarations of interest, membership, strategy and indicators.",
               "licenses": [LICENCE], "resources": resources}
    if board.info.get("site_url"):
        package["homepage"] = board.info["site_url"]
    files[PACKAGE] = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    return files


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return _cell(value) if isinstance(value, (date, datetime)) else value


def _published_schema(schema: dict) -> dict:
    """The validation schema, with resource names as the package spells them."""
    published = json.loads(json.dumps(schema))
    for foreign in published.get("foreignKeys", []):
        foreign["reference"]["resource"] = foreign["reference"]["resource"].replace("_", "-")
    return published


def table_guide(typed: dict[str, list[dict]]) -> list[dict]:
    """What each table holds, for the data page."""
    return [{"name": table, "title": schema_descriptor(table)["title"],
             "description": schema_descriptor(table)["description"], "rows": len(public_rows(typed, table)),
             "fields": [{"name": f["name"], "description": f["description"]}
                        for f in schema_descriptor(table)["fields"]]}
            for table in PUBLISHED]
