#!/usr/bin/env python3
"""The complexity gate: fails on any function over the limit, counted as radon counts.

Ruff's C901 (McCabe) does not count ``and``/``or``; radon does, and issue 20's figures
are radon's. Usage: ``python .ci/complexity.py [--max N] [PATH ...]`` (default: 15 and
``argmap``). Prints ``file:line name (N)`` for each offender and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from radon.visitors import Class, ComplexityVisitor, Function

LIMIT = 15


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _functions(blocks: Iterable[Function | Class]) -> Iterator[Function]:
    """Every function and method, nested ones included (classes are not scored)."""
    for block in blocks:
        if isinstance(block, Class):
            yield from _functions(block.methods)
            yield from _functions(block.inner_classes)
        else:
            yield block
            yield from _functions(block.closures)


def offenders(path: Path, limit: int = LIMIT) -> list[str]:
    """``file:line name (N)`` for each function in *path* over *limit*."""
    visitor = ComplexityVisitor.from_code(path.read_text(encoding="utf-8"))
    blocks = [*visitor.functions, *visitor.classes]
    return [
        f"{path}:{function.lineno} {function.fullname} ({function.complexity})"
        for function in sorted(_functions(blocks), key=lambda function: function.lineno)
        if function.complexity > limit
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=LIMIT, help="highest complexity allowed (default %(default)s)")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("argmap")])
    arguments = parser.parse_args(argv)
    found = [line for path in python_files(arguments.paths) for line in offenders(path, arguments.max)]
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} function(s) over complexity {arguments.max}: extract named steps", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
