"""No import circles in argmap (issue 20).

The graph is read from the source with :mod:`ast`, not by importing anything. An edge
runs from a module to every argmap module it imports. Imports at module level (outside
``if TYPE_CHECKING:``) must form no cycle. An import inside a function may close one
only if it is a lazy import kept on purpose, which a comment on its line or the line
above says (checked for each lazy import whose target imports its module back at
module level, directly or through others).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1] / "argmap"


def module_name(path: Path, root: Path) -> str:
    """``argmap/a/b.py`` -> ``argmap.a.b``; ``argmap/a/__init__.py`` -> ``argmap.a``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return name in modules and modules[name].name == "__init__.py"


def _imported(node: ast.Import | ast.ImportFrom, here: str, modules: dict[str, Path]) -> list[str]:
    """The argmap modules one import statement loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name in modules]
    if node.level:
        package = here if _is_package(here, modules) else here.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    targets = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
    if base in modules and len(targets) < len(node.names):
        targets.append(base)
    return targets


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.Module) -> tuple[list[ast.stmt], list[ast.stmt]]:
    """Import statements run when the module is imported (not in functions), and those
    only type checkers read (under ``if TYPE_CHECKING:``)."""
    found: list[ast.stmt] = []
    for_types: list[ast.stmt] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.Import | ast.ImportFrom):
            found.append(statement)
        elif isinstance(statement, ast.If) and _is_type_checking(statement):
            for_types.extend(node for branch in statement.body for node in ast.walk(branch))
            pending.extend(statement.orelse)
        elif isinstance(statement, ast.If | ast.Try | ast.With | ast.ClassDef):
            for field in ("body", "orelse", "finalbody", "handlers"):
                pending.extend(getattr(statement, field, []))
        elif isinstance(statement, ast.ExceptHandler):
            pending.extend(statement.body)
    return found, for_types


def import_graph(root: Path) -> tuple[dict[str, set[str]], list[tuple[str, str, int, str]]]:
    """Module-level edges, and every lazy import as (module, target, line, source file)."""
    modules = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    eager: dict[str, set[str]] = {name: set() for name in modules}
    lazy: list[tuple[str, str, int, str]] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        at_top, for_types = (set(map(id, nodes)) for nodes in _module_level_imports(tree))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or id(node) in for_types:
                continue
            for target in _imported(node, name, modules):
                if target == name:
                    continue
                if id(node) in at_top:
                    eager[name].add(target)
                else:
                    lazy.append((name, target, node.lineno, str(path)))
    return eager, lazy


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for successor in sorted(graph.get(node, ())):
            if state.get(successor) == 1:
                return [*path[path.index(successor) :], successor]
            if successor not in state and (cycle := visit(successor)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, pending = {start}, [start]
    while pending:
        node = pending.pop()
        if node == goal:
            return True
        for successor in graph.get(node, ()):
            if successor not in seen:
                seen.add(successor)
                pending.append(successor)
    return False


def has_comment(source_file: str, line: int) -> bool:
    lines = Path(source_file).read_text(encoding="utf-8").splitlines()
    here, above = lines[line - 1], lines[line - 2] if line > 1 else ""
    return "#" in here or above.strip().startswith("#")


def uncommented_circles(root: Path) -> list[str]:
    """Lazy imports with no comment saying why, where the imported module imports the
    importing one back at module level (directly or through others): these are the
    imports that would close a circle if they were moved to the top."""
    eager, lazy = import_graph(root)
    return [
        f"{source}:{line}: {module} imports {target} lazily, which imports it back; say why in a comment"
        for module, target, line, source in lazy
        if reaches(eager, target, module) and not has_comment(source, line)
    ]


def test_no_module_level_import_circle():
    eager, _ = import_graph(PACKAGE_ROOT)
    cycle = find_cycle(eager)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_lazy_imports_that_close_a_circle_say_why():
    assert uncommented_circles(PACKAGE_ROOT) == []


def _write(root: Path, files: dict[str, str]) -> Path:
    package = root / "argmap"
    for relative, text in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_a_fabricated_circle_is_found(tmp_path):
    package = _write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from .sub import b\n",
            "sub/__init__.py": "",
            "sub/b.py": "from typing import TYPE_CHECKING\nfrom ..c import thing\n",
            "c.py": "import argmap.a\nthing = 1\n",
        },
    )
    eager, _ = import_graph(package)
    assert find_cycle(eager) == ["argmap.a", "argmap.sub.b", "argmap.c", "argmap.a"]


def test_type_checking_and_commented_lazy_imports_are_allowed(tmp_path):
    package = _write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
            "b.py": "from . import a\n\ndef late():\n    # lazy: b is loaded by a at start-up\n    from .a import x\n",
        },
    )
    eager, _ = import_graph(package)
    assert find_cycle(eager) is None
    assert uncommented_circles(package) == []


@pytest.mark.parametrize("comment", ["", "# lazy: why"])
def test_an_uncommented_lazy_circle_is_reported(tmp_path, comment):
    package = _write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": f"def late():\n    from .a import x  {comment}\n",
        },
    )
    found = uncommented_circles(package)
    assert len(found) == (0 if comment else 1)
    assert all("argmap.b imports argmap.a lazily" in line for line in found)
