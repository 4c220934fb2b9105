"""The package keeps its shape: stages as sub-packages, imports going only down, MkDocs behind one module.

The import graph is read from the source with `ast`: absolute `hwbsite.` imports and relative ones,
wherever they are written (inside functions too). Imports under `if TYPE_CHECKING:` are left out,
since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO

# Top to bottom. A module may import from its own entry (inside its sub-package) and from any entry
# in a lower layer; entries sharing a layer are independent and may not import each other.
LAYERS = [
    ["hwbsite.cli"],
    ["hwbsite.tools", "hwbsite.site"],
    ["hwbsite.checks"],
    ["hwbsite.model"],
    ["hwbsite.record"],
    ["hwbsite.problems", "hwbsite.words", "hwbsite.errors", "hwbsite.cache"],
]
RENDERER = "hwbsite.site.plugin"  # the only module that imports MkDocs or Material
RENDERER_PACKAGES = ("mkdocs", "material")
MAX_LINES = 300


def modules(root: Path) -> dict[str, Path]:
    """Every module of the `hwbsite` package under `root`, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / "hwbsite").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(node: ast.AST):
    """The import statements under `node` that run, skipping the bodies of `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _import_nodes(child)


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """(imported name, line) for each import in the module: hwbsite modules resolved, others as written."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in _import_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module
        for alias in node.names:  # `from hwbsite import words` imports the module hwbsite.words
            submodule = f"{module}.{alias.name}"
            found.append((submodule if submodule in known else module, node.lineno))
    return found


def import_graph(root: Path) -> dict[str, list[tuple[str, int]]]:
    """Each hwbsite module's imports of other hwbsite modules, with the line of each."""
    found = modules(root)
    graph = {}
    for name, path in found.items():
        graph[name] = [(target, line) for target, line in imports(name, path, set(found))
                       if (target == "hwbsite" or target.startswith("hwbsite.")) and target != name]
    return graph


def cycles(graph: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other, as [a, b, ..., a]."""
    edges = {name: sorted({target for target, _ in targets if target in graph}) for name, targets in graph.items()}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def connect(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            connect(node)
    found = []
    for group in groups:
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:  # the shortest way round from `start` back to itself, inside the group
            node = queue.pop(0)
            for target in edges[node]:
                if target == start:
                    found.append(paths[node] + [start])
                    queue = []
                    break
                if target in group and target not in paths:
                    paths[target] = paths[node] + [target]
                    queue.append(target)
    return sorted(found)


def layer_of(module: str) -> tuple[int, str] | None:
    for number, entries in enumerate(LAYERS):
        for entry in entries:
            if module == entry or module.startswith(entry + "."):
                return number, entry
    return None


def layer_violations(graph: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Each import that goes up the layers or across to a sibling, and each module in no layer."""
    found = []
    for name, targets in sorted(graph.items()):
        here = layer_of(name)
        if here is None:
            if name != "hwbsite" or targets:  # the empty top-level package is in no layer
                found.append(f"{name} is in no layer: add it to LAYERS")
            continue
        for target, line in targets:
            there = layer_of(target)
            if there is None:
                found.append(f"{name}:{line} imports {target}, which is in no layer")
            elif there[1] != here[1] and there[0] <= here[0]:
                how = "a sibling in its layer" if there[0] == here[0] else "a higher layer"
                found.append(f"{name}:{line} imports {target}, {how}")
    return found


def renderer_imports(root: Path) -> list[str]:
    """Imports of MkDocs or Material outside the renderer module."""
    found = modules(root)
    return [f"{name}:{line} imports {target}"
            for name, path in found.items() if name != RENDERER
            for target, line in imports(name, path, set(found))
            if target.split(".")[0] in RENDERER_PACKAGES]


def oversized(root: Path) -> list[str]:
    return [f"{path.relative_to(root)} has {count} lines"
            for path in modules(root).values()
            if (count := len(path.read_text().splitlines())) > MAX_LINES]


def _listed(found: list) -> str:
    return "\n" + "\n".join(" -> ".join(item) if isinstance(item, list) else item for item in found)


def test_no_import_cycles():
    found = cycles(import_graph(REPO))
    assert found == [], "import cycles:" + _listed(found)


def test_imports_only_go_down_the_layers():
    found = layer_violations(import_graph(REPO))
    assert found == [], "imports against the layers:" + _listed(found)


def test_only_the_renderer_imports_mkdocs_or_material():
    found = renderer_imports(REPO)
    assert found == [], f"only {RENDERER} may import MkDocs or Material:" + _listed(found)
    assert any(target.startswith("mkdocs") for target, _ in imports(RENDERER, modules(REPO)[RENDERER], set()))


def test_no_module_is_over_300_lines():
    found = oversized(REPO)
    assert found == [], f"modules over {MAX_LINES} lines:" + _listed(found)


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"hwbsite/__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_the_checks_find_a_cycle_an_upward_import_a_sibling_import_and_a_stray_mkdocs(tmp_path):
    root = _package(tmp_path, {
        "hwbsite/problems.py": "from hwbsite import words\n",
        "hwbsite/words.py": "",
        "hwbsite/model/__init__.py": "from .board import Board\n",
        "hwbsite/model/board.py": "from hwbsite.model.urls import path\n",
        "hwbsite/model/urls.py": "def path():\n    from . import board\n",
        "hwbsite/record/__init__.py": "from hwbsite.checks import check\n",
        "hwbsite/checks/__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                      "    from hwbsite.site import x\nimport mkdocs.config\n",
        "hwbsite/site/__init__.py": "from hwbsite.tools import scaffold\n",
        "hwbsite/tools/__init__.py": "",
        "hwbsite/tools/scaffold.py": "\n" * (MAX_LINES + 1),
        "hwbsite/files.py": "",
    })
    graph = import_graph(root)
    assert cycles(graph) == [["hwbsite.model.board", "hwbsite.model.urls", "hwbsite.model.board"]]
    assert layer_violations(graph) == [
        "hwbsite.files is in no layer: add it to LAYERS",
        "hwbsite.problems:1 imports hwbsite.words, a sibling in its layer",
        "hwbsite.record:1 imports hwbsite.checks, a higher layer",
        "hwbsite.site:1 imports hwbsite.tools.scaffold, a sibling in its layer",
    ]
    assert renderer_imports(root) == ["hwbsite.checks:4 imports mkdocs.config"]
    assert oversized(root) == ["hwbsite/tools/scaffold.py has 301 lines"]
