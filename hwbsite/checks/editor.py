"""The browser editor's settings in board.yml, and the item kind it records (`session:`), checked.

The editor records an agenda item's kind in `session:` (public or private), which must agree with
`exempt:`; an item with `exempt:` is private whatever `session:` says.
"""

from __future__ import annotations

from hwbsite.problems import Problems
from hwbsite.record import BoardFiles


def check_editor(files: BoardFiles, problems: Problems) -> None:
    """`session:` agrees with `exempt:`; board.yml `editor:` names a host and a repository, and on
    GitLab the sign-in application."""
    items = files.tables["items"]
    for row, source in zip(items.rows, items.sources):
        session = row.get("session")
        if session == "private" and "exempt" not in source.marks:
            problems.at(source, "session", "private-without-paragraph",
                        "the item is marked private but gives no Schedule 12A paragraph",
                        "add `exempt:` with the paragraph (1 to 7), or change `session:` to public")
        elif session == "public" and "exempt" in source.marks:
            problems.at(source, "session", "public-item-exempt",
                        "the item is marked public but also has `exempt:`, so it is treated as private",
                        "if the item is taken in private, change `session:` to private; if not, remove `exempt:`")
    board = files.tables["board"]
    for row, source in zip(board.rows, board.sources):
        given = [name for name in ("host", "repo", "branch", "app_id", "auth_url") if row.get(f"editor_{name}")]
        if not given:
            continue
        for name in ("host", "repo"):
            if name not in given:
                problems.at(source, f"editor_{given[0]}", "editor-incomplete",
                            f"the `editor:` settings give no `{name}`",
                            "add `host: github` or `host: gitlab` and `repo: owner/name` under `editor:`")
        if row.get("editor_host") == "gitlab" and not row.get("editor_app_id"):
            problems.at(source, "editor_host", "editor-incomplete",
                        "signing in to the editor on GitLab needs the application's id",
                        "add `app_id:` under `editor:` (see 'Editing in the browser' in docs/officers-guide.md)")
