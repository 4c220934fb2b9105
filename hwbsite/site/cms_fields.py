"""The browser editor's configuration (Decap CMS), generated from the schemas and FIELDS.

Every form field is a key of `records.FIELDS` and takes its kind, choices, pattern and whether it
is required from the Frictionless schema that validates it, so the editor cannot offer a field or
a value that validation would refuse. Ids that refer to the record (people, organisations,
priorities, indicators, decisions) are choices drawn from the board as it was built.
"""

from __future__ import annotations

from hwbsite.model import Board
from hwbsite.record import FIELDS
from hwbsite.record import schema_descriptor

# Where each block of FIELDS is validated: (schema table, prefix of its columns there).
TABLE_OF = {
    "board": ("board", ""), "board.contact": ("board", "contact_"), "board.publication": ("board", ""),
    "board.quorum": ("board", "quorum_"), "board.editor": ("board", "editor_"),
    "organisations": ("organisations", ""), "people": ("people", ""), "memberships": ("memberships", ""),
    "meeting": ("meetings", ""), "meeting.attendance": ("attendance", ""),
    "meeting.declarations": ("declarations", ""), "meeting.items": ("items", ""),
    "meeting.items.papers": ("papers", ""), "meeting.items.decisions": ("decisions", ""),
    "meeting.items.decisions.vote": ("decisions", "vote_"),
    "meeting.items.decisions.updates": ("decision_updates", ""),
    "meeting.items.decisions.corrections": ("decision_corrections", ""),
    "strategy": ("strategy", ""), "strategy.priorities": ("priorities", ""), "strategy.jsna": ("jsna", ""),
    "forward-plan": ("forward_plan", ""), "groups": ("groups", ""),
}
# Keys the editor leaves out: written by the importer (source), kept by history (formerly, id of a
# meeting = its file name), or shapes a form cannot hold (redirects map old to new addresses).
LEFT_OUT = {"meeting": {"id", "source"}, "meeting.items": {"formerly", "source", "exempt"},
            "meeting.items.papers": {"source"}, "people": {"source"}, "board": {"redirects"}}
# Keys that hold lists of ids or lines, and what each entry is.
LISTS = {("board.publication", "closures"): "date", ("board.quorum", "seats"): "seat",
         ("board", "withdrawn"): "line", ("meeting.items", "priorities"): "priority",
         ("forward-plan", "priorities"): "priority", ("strategy.priorities", "outcomes"): "line",
         ("strategy.priorities", "indicators"): "indicator"}
# Columns that name another record: their choices come from the board.
REFERENCES = {"person": "people", "for": "people", "chair": "people", "lead": "people",
              "organisation": "organisations", "council": "organisations", "supersedes": "decisions",
              "adopted_by": "decisions"}
PLURAL = {"priority": "priorities", "indicator": "indicators", "seat": "seats"}
LONG_TEXT = {"key_messages", "minutes", "vision", "summary", "remit", "text", "public_questions", "note",
             "previous", "interest"}
SCHEDULE_12A = ("information relating to any individual",
                "information which is likely to reveal the identity of an individual",
                "information relating to the financial or business affairs of any particular person",
                "labour relations matters",
                "information in respect of which legal professional privilege could be maintained",
                "information about a notice, order or direction the authority proposes to give or make",
                "information about the prevention, investigation or prosecution of any crime")
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
DATETIME = {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm", "date_format": "YYYY-MM-DD",
            "time_format": "HH:mm"}


def choices(board: Board) -> dict[str, list[dict]]:
    """The record's ids as select options, labelled so an officer recognises them."""
    def option(label: str, value: str) -> dict:
        return {"label": f"{label} ({value})", "value": value}
    seats = schema_descriptor("memberships")["fields"][1]["constraints"]["enum"]
    return {
        "people": [option(p.name, p.id) for p in sorted(board.people.values(), key=lambda p: p.name)],
        "organisations": [option(o.name, o.id) for o in board.organisations.values()],
        "priorities": [option(p.title, p.id) for p in board.priorities.values()],
        "indicators": [option(i.title, i.id) for i in board.indicators.values()],
        "decisions": [{"label": d.upper(), "value": d} for d in sorted(board.decisions, reverse=True)],
        "seats": [{"label": s, "value": s} for s in seats],
    }


def column_of(context: str, key: str) -> dict | None:
    """The schema field that validates `key` in the block `context`, or None for a nested block or list."""
    table, prefix = TABLE_OF[context]
    name = "casting_vote" if (context, key) == ("meeting.items.decisions.vote", "casting_vote") else prefix + key
    return next((f for f in schema_descriptor(table)["fields"] if f["name"] == name), None)


def _widget(key: str, spec: dict, options: dict[str, list[dict]]) -> dict:
    constraints = spec.get("constraints", {})
    if key in REFERENCES:
        return {"widget": "select", "options": options[REFERENCES[key]]}
    if "enum" in constraints:
        return {"widget": "select", "options": list(constraints["enum"])}
    kind = spec["type"]
    if kind == "date":
        return dict(DATE)
    if kind == "datetime":
        return dict(DATETIME)
    if kind in ("integer", "number"):
        found = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        found.update({k[:3]: constraints[k] for k in ("minimum", "maximum") if k in constraints})
        return found
    if kind == "boolean":   # a default would write `casting_vote: false` into every decision
        return {"widget": "boolean", **({"default": False} if constraints.get("required") else {})}
    found = {"widget": "text" if key in LONG_TEXT else "string"}
    if "pattern" in constraints:
        found["pattern"] = [constraints["pattern"], f"write it like: {spec.get('example', '')}".strip()]
    return found


def field(context: str, key: str, options: dict[str, list[dict]], required: bool | None = None) -> dict:
    """One form field for `key` in the block `context` (nested blocks and lists included)."""
    label = key.replace("_", " ").capitalize()
    if (context, key) in LISTS:
        entry = LISTS[(context, key)]
        found = {"name": key, "label": label, "widget": "list", "required": False}
        if entry in ("priority", "indicator", "seat"):
            found = {**found, "widget": "select", "multiple": True, "options": options[PLURAL[entry]]}
        else:
            found["field"] = {"name": entry, "label": label, **(DATE if entry == "date" else {"widget": "string"})}
        return found
    nested = f"{context}.{key}"
    if nested in TABLE_OF:
        subfields = fields_of(nested, options)
        if context == "meeting" or nested in {"strategy.priorities", "strategy.jsna", "meeting.items.papers",
                                              "meeting.items.decisions", "meeting.items.decisions.updates",
                                              "meeting.items.decisions.corrections"}:
            return {"name": key, "label": label, "widget": "list", "required": False, "fields": subfields}
        return {"name": key, "label": label, "widget": "object", "required": False, "collapsed": False,
                "fields": subfields}
    spec = column_of(context, key)
    found = {"name": key, "label": label, **_widget(key, spec, options)}
    found["required"] = bool(spec.get("constraints", {}).get("required")) if required is None else required
    if spec.get("description"):
        found["hint"] = spec["description"]
    return found


# Filled in by hwbsite when blank, so not required in a form even though the table requires them.
DEFAULTED = {("meeting", "kind"), ("board", "clear_working_days")}
# Columns the normaliser fills from the place of the block (meeting, item, position): never typed.
PLACED = {"meeting", "item", "position", "decision", "indicator", "priority"}


def fields_of(context: str, options: dict[str, list[dict]]) -> list[dict]:
    found = []
    for key in FIELDS[context]:
        if key in LEFT_OUT.get(context, ()) or key in PLACED and column_of(context, key) is None:
            continue
        made = field(context, key, options, False if (context, key) in DEFAULTED else None)
        if (context, key) == ("meeting", "kind"):
            made["default"] = "ordinary"
        found.append(made)
    return found


def item_types(options: dict[str, list[dict]]) -> list[dict]:
    """Agenda items as two kinds: a public item, whose papers may be uploaded, and a private (exempt)
    one, whose papers are titles only. The editor cannot hide a field on a condition, so the kind
    chosen when the item is added decides which fields exist; its `session` key says which it is."""
    public = [f for f in fields_of("meeting.items", options) if f["name"] != "session"]
    private = []
    for made in public:
        if made["name"] == "papers":
            made = {**made, "fields": [f for f in made["fields"] if f["name"] == "title"],
                    "hint": "an exempt item's papers are listed by title only: they are never put in the repository"}
        private.append(made)
        if made["name"] == "purpose":
            private.append({"name": "exempt", "label": "Exempt under Schedule 12A paragraph", "widget": "select",
                            "required": True, "options": [{"label": f"{n}: {text}", "value": str(n)}
                                                          for n, text in enumerate(SCHEDULE_12A, start=1)]})
    return [{"name": "public", "label": "Item taken in public", "widget": "object", "fields": public,
             "summary": "{{fields.number}} {{fields.title}}"},
            {"name": "private", "label": "Item taken in private (exempt)", "widget": "object", "fields": private,
             "summary": "{{fields.number}} {{fields.title}} (private)"}]
