"""Reading a board's files into its tables: each YAML block checked for unknown keys, each value kept as text.

`read_board` is the only entry: it reads every file of data/<board>/ in a fixed order, so problems
come out in the same order every run.
"""

from __future__ import annotations

from pathlib import Path

from hwbsite.problems import WARNING, Problems
from hwbsite.record.catalogue import TABLES
from hwbsite.record.content import find_links, report_links
from hwbsite.record.lists import listed
from hwbsite.record.fields import FIELDS, Block, Source, blocks_of, suggest
from hwbsite.record.loader import Mark, YMap, load_csv, load_yaml
from hwbsite.record.parsed import recall_rows
from hwbsite.record.tables import DEFINES, REQUIRED_FILES, BoardFiles, Table, present


def read_board(repo: Path, board_id: str, problems: Problems) -> BoardFiles:
    data_dir = repo / "data" / board_id
    links = find_links(repo, board_id)
    report_links(links, problems)
    files = BoardFiles(board_id, data_dir, repo / "content" / board_id,
                       {name: Table(name) for name in TABLES}, links=frozenset(links))
    for name in REQUIRED_FILES:
        if not present(data_dir / name):   # a folder or a broken link in its place is reported when read
            problems.add(data_dir / name, 1, 1, "missing-file", f"the board has no {name}",
                         f"create data/{board_id}/{name}; see docs/reference.md for what it holds")
    # No meetings/ folder is a board with no meetings yet: git keeps no empty folder, so a new board's
    # fresh clone has none, and its pages say that no meetings are scheduled.
    reader = _Reader(files, problems)
    reader.board()
    reader.listing("organisations.yml", "organisations", "organisations",
                   {"id": "id", "name": "name", "classification": "classification", "website": "website"})
    reader.listing("people.yml", "people", "people",
                   {"id": "id", "name": "name", "organisation": "organisation", "job_title": "job_title"},
                   provenance=True)
    reader.listing("memberships.yml", "memberships", "memberships",
                   {name: name for name in FIELDS["memberships"]})
    reader.listing("indicators.yml", "indicators", "indicators",
                   {name: name for name in FIELDS["indicators"]})
    reader.listing("groups.yml", "groups", "groups", {name: name for name in FIELDS["groups"]})
    for path in sorted((data_dir / "meetings").glob("*")) if (data_dir / "meetings").is_dir() else ():
        if path.suffix == ".yml":
            reader.meeting(path)
        else:
            problems.add(path, 1, 1, "ignored-file", "this file is not read: meeting files end in .yml",
                         f"rename it to {path.stem}.yml if it describes a meeting", severity=WARNING)
    reader.strategy()
    reader.forward_plan()
    reader.indicator_values()
    return files


def _provenance(block: Block, row: dict, source: Source) -> None:
    """`source: {system, id, url}`: where an imported record came from, as source_* columns."""
    origin = block.block("source")
    for name in FIELDS[f"{block.context}.source"]:
        column = f"source_{name}"
        row[column] = origin.text(name) if origin else None
        if origin and name in origin.data:
            source.marks[column] = origin.mark_of(name)
            source.keys[column] = f"source.{name}"


class _Reader:
    def __init__(self, files: BoardFiles, problems: Problems) -> None:
        self.files, self.problems, self.t = files, problems, files.tables

    def load(self, name: str):
        path = self.files.data_dir / name
        if not present(path):
            return path, None
        return path, listed(name, self.loaded(path, DEFINES.get(name, ())))

    def loaded(self, path: Path, defines: tuple[str, ...]):
        if self.files.behind_link(path):
            self.files.unreadable.update(defines)
            return None
        before = len(self.problems.errors)
        data = load_yaml(path, self.problems)
        if data is None and len(self.problems.errors) > before:
            self.files.unreadable.update(defines)
            self.files.unparsed.add(path)
        return data

    def top_block(self, path: Path, data, context: str) -> Block | None:
        if data is None:
            return None
        if not isinstance(data, YMap):
            self.problems.add(path, 1, 1, "wrong-shape", "this file should be a block of `name: value` lines",
                              "start with `name:` or `title:` at the left margin, not `- `")
            return None
        return Block(data, path, self.problems, context)

    def board(self) -> None:
        path, data = self.load("board.yml")
        if data is None and path.is_file() and "board" not in self.files.unreadable:
            self.problems.add(path, 1, 1, "empty-file", "board.yml is empty",
                              "give at least `name:`, `timezone:` and `decision_prefix:`; see docs/reference.md")
            return
        block = self.top_block(path, data, "board")
        if block is None:
            return
        row, source = block.source({name: name for name in FIELDS["board"]
                                    if name not in ("contact", "publication", "quorum", "redirects", "withdrawn", "editor")})
        row["id"] = self.files.board_id
        for key, prefix in (("contact", "contact_"), ("publication", ""), ("quorum", "quorum_"), ("editor", "editor_")):
            sub = block.block(key)
            for name in FIELDS[f"board.{key}"]:
                if (key, name) in (("quorum", "seats"), ("publication", "closures")):
                    continue
                column = prefix + name
                row[column] = sub.text(name) if sub else None
                if sub and name in sub.data:
                    source.marks[column] = sub.mark_of(name)
                    source.keys[column] = f"{key}.{name}"
        if row["clear_working_days"] is None:
            row["clear_working_days"] = "5"
        self.redirects(block)
        for path, mark in block.items("withdrawn"):
            self.linked(block, "withdrawn", "path", path, mark)
        publication = block.block("publication")
        for day, mark in publication.items("closures") if publication else ():
            self.linked(publication, "closure_days", "date", day, mark)
        quorum = block.block("quorum")
        if quorum is not None:
            seats = [seat for seat, _ in quorum.items("seats") if isinstance(seat, str)]
            row["quorum_seats"] = " ".join(seat.strip() for seat in seats) or None
            if "seats" in quorum.data:
                source.marks["quorum_seats"] = quorum.mark_of("seats")
                source.keys["quorum_seats"] = "quorum.seats"
        self.t["board"].add(row, source)

    def redirects(self, board: Block) -> None:
        """`redirects:` maps old paths to new ones, so its keys are paths, not field names."""
        value = board.data.get("redirects")
        if value is None:
            return
        if not isinstance(value, YMap):
            mark = board.mark_of("redirects")
            self.problems.add(board.path, mark.line, mark.column, "wrong-shape",
                              "`redirects` should be a block of `old/path/: new/path/` lines",
                              "put each redirect on its own indented line")
            return
        for old, new in value.items():
            marks = {"old": value.key_marks[old], "new": value.value_marks[old]}
            self.t["redirects"].add({"old": old, "new": new if isinstance(new, str) else None},
                                    Source(board.path, value.key_marks[old], marks))

    def listing(self, name: str, context: str, table: str, fields: dict[str, str],
                provenance: bool = False) -> None:
        path, data = self.load(name)
        for block in blocks_of(data, path, self.problems, context, Mark(1, 1), name):
            row, source = block.source(fields)
            if provenance:
                _provenance(block, row, source)
            self.t[table].add(row, source)

    def meeting(self, path: Path) -> None:
        data = self.loaded(path, DEFINES["meetings/"])
        recall_rows(path, data, self.problems, self.t, lambda: self._meeting(path, data))

    def _meeting(self, path: Path, data) -> None:
        block = self.top_block(path, data, "meeting")
        if block is None:
            return
        fields = {name: name for name in FIELDS["meeting"]
                  if name not in ("attendance", "declarations", "items", "source")}
        row, source = block.source(fields)
        _provenance(block, row, source)
        row["id"] = row["id"] or path.stem
        row["kind"] = row["kind"] or "ordinary"
        meeting = row["id"]
        self.t["meetings"].add(row, source)
        for entry in block.blocks("attendance"):
            self.add(entry, "attendance", {"person": "person", "status": "status", "for": "for"},
                     meeting=meeting)
        for entry in block.blocks("declarations"):
            self.add(entry, "declarations", {name: name for name in FIELDS["meeting.declarations"]},
                     meeting=meeting)
        for item in block.blocks("items"):
            self.item(item, meeting)

    def add(self, block: Block, table: str, fields: dict[str, str], provenance: bool = False, **fixed) -> dict:
        row, source = block.source(fields)
        if provenance:
            _provenance(block, row, source)
        row.update(fixed)
        self.t[table].add(row, source)
        return row

    def item(self, block: Block, meeting: str) -> None:
        row = self.add(block, "items", {name: name for name in
                                        ("number", "formerly", "title", "purpose", "exempt", "session", "urgency", "minutes")},
                       provenance=True, meeting=meeting)
        number = row["number"]
        value = block.data.get("exempt", "x")
        if value is None or isinstance(value, str) and not value.strip():
            # Blank would read as "public": the officer meant private, so nothing is published until it says why.
            mark = block.data.key_marks["exempt"]
            self.problems.add(block.path, mark.line, mark.column, "exempt-blank",
                              "`exempt` is present but blank, so it is not clear whether this item is private",
                              "give the Schedule 12A paragraph (1 to 7) under which the item is taken in private, "
                              "or remove the `exempt:` line if the item is public", field="exempt")
        for priority, mark in block.items("priorities"):
            self.linked(block, "item_priorities", "priority", priority, mark,
                        meeting=meeting, item=number)
        for position, paper in enumerate(block.blocks("papers"), start=1):
            self.add(paper, "papers", {"title": "title", "file": "file", "url": "url"},
                     provenance=True, meeting=meeting, item=number, position=str(position))
        for decision in block.blocks("decisions"):
            row, source = decision.source({"id": "id", "text": "text", "outcome": "outcome", "topic": "topic",
                                           "supersedes": "supersedes"})
            row.update(meeting=meeting, item=number)
            vote = decision.block("vote")
            for name in FIELDS["meeting.items.decisions.vote"]:
                column = name if name == "casting_vote" else f"vote_{name}"
                row[column] = vote.text(name) if vote else None
                if vote and name in vote.data:
                    source.marks[column] = vote.mark_of(name)
                    source.keys[column] = f"vote.{name}"
            self.t["decisions"].add(row, source)
            for position, update in enumerate(decision.blocks("updates"), start=1):
                self.add(update, "decision_updates", {"date": "date", "status": "status", "note": "note"},
                         decision=row["id"], position=str(position))
            for position, correction in enumerate(decision.blocks("corrections"), start=1):
                self.add(correction, "decision_corrections", {"date": "date", "note": "note", "previous": "previous"},
                         decision=row["id"], position=str(position))

    def linked(self, block: Block, table: str, column: str, value, mark: Mark, **fixed) -> None:
        """A row of a link table made from one entry of a list such as `priorities: [a, b]`."""
        if not isinstance(value, str):
            self.problems.add(block.path, mark.line, mark.column, "wrong-shape",
                              "each entry of this list should be a single id",
                              "write the list as `[first-id, second-id]`")
            return
        source = Source(block.path, mark, {column: mark})
        self.t[table].add({**fixed, column: value.strip()}, source)

    def strategy(self) -> None:
        path, data = self.load("strategy.yml")
        block = self.top_block(path, data, "strategy")
        if block is None:
            return
        self.t["strategy"].add(*block.source({name: name for name in
                                              ("title", "start", "end", "adopted_by", "document", "vision")}))
        for position, priority in enumerate(block.blocks("priorities"), start=1):
            row = self.add(priority, "priorities", {"id": "id", "title": "title", "summary": "summary",
                                                    "lead": "lead"}, position=str(position))
            for number, (outcome, mark) in enumerate(priority.items("outcomes"), start=1):
                self.linked(priority, "priority_outcomes", "text", outcome, mark,
                            priority=row["id"], position=str(number))
            for indicator, mark in priority.items("indicators"):
                self.linked(priority, "priority_indicators", "indicator", indicator, mark,
                            priority=row["id"])
        for chapter in block.blocks("jsna"):
            self.add(chapter, "jsna", {"title": "title", "url": "url", "updated": "updated"})

    def forward_plan(self) -> None:
        path, data = self.load("forward-plan.yml")
        for position, block in enumerate(blocks_of(data, path, self.problems, "forward-plan",
                                                   Mark(1, 1), "forward-plan.yml"), start=1):
            self.add(block, "forward_plan", {"title": "title", "meeting": "meeting",
                                             "purpose": "purpose", "lead": "lead"},
                     position=str(position))
            for priority, mark in block.items("priorities"):
                self.linked(block, "forward_plan_priorities", "priority", priority, mark,
                            position=str(position))

    def indicator_values(self) -> None:
        folder = self.files.data_dir / "indicators"
        if not folder.is_dir():
            return
        known = {row["id"] for row in self.t["indicators"].rows}
        allowed = FIELDS["indicator-values"]
        for path in sorted(folder.glob("*.csv")):
            if path.stem not in known and "indicators" not in self.files.unreadable:
                self.problems.add(path, 1, 1, "unknown-indicator",
                                  f"there is no indicator `{path.stem}` in indicators.yml",
                                  suggest(path.stem, known) or
                                  f"add `{path.stem}` to indicators.yml or rename the file")
                continue
            loaded = None if self.files.behind_link(path) else load_csv(path, self.problems)
            if loaded is None:
                continue
            header, rows = loaded
            for column, name in enumerate(header, start=1):
                if name not in allowed:
                    self.problems.add(path, 1, column, "unknown-key",
                                      f"`{name}` is not a column hwbsite knows",
                                      suggest(name, allowed) or "use the columns " + ",".join(allowed))
            for row in rows:
                values = {name: row.values.get(name) for name in allowed}
                marks = {name: Mark(row.line, header.index(name) + 1) for name in allowed if name in header}
                self.t["indicator_values"].add({"indicator": path.stem, **values},
                                               Source(path, Mark(row.line, 1), marks))
