"""The Argdown CLI for tests that compare with it, and the shape both sides are compared in.

The CLI is looked for in ``$ARGDOWN_CLI`` (the ``argdown`` program), then in
``.argdown-cli/`` at the repository root (``npm install --prefix .argdown-cli
@argdown/cli@1.7.5``), then on PATH. Tests that need it are marked ``needs_node`` and
skipped when it (or Node.js) is missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from argmap.interop.argdown_model import ArgdownModel, EquivalenceClass, ModelArgument, read_model

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARGDOWN_FIXTURES = FIXTURES / "argdown"
CLI_MODELS = FIXTURES / "argdown-cli"


def find_argdown_cli() -> str | None:
    """The path of the ``argdown`` program, or None."""
    if shutil.which("node") is None:
        return None
    candidates = [
        os.environ.get("ARGDOWN_CLI"),
        str(ROOT / ".argdown-cli" / "node_modules" / ".bin" / "argdown"),
        shutil.which("argdown"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def run_json(cli: str, paths: list[Path], out_dir: Path) -> dict[str, dict | None]:
    """``argdown json`` on *paths* (one run); the JSON of each, None where Argdown refused."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source_dir = out_dir / "in"
    source_dir.mkdir(exist_ok=True)
    for path in paths:
        shutil.copy(path, source_dir / path.name)
    subprocess.run(
        [cli, "json", str(source_dir / "*.argdown"), str(out_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    results: dict[str, dict | None] = {}
    for path in paths:
        produced = out_dir / (path.stem + ".json")
        results[path.stem] = json.loads(produced.read_text(encoding="utf-8")) if produced.exists() else None
    return results


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def reduce_cli(data: dict) -> dict:
    """The Argdown CLI's JSON, reduced to what an import must agree on."""
    kinds = {"equivalence-class": "S", "argument": "A", "inference": "I"}
    return {
        "statements": {
            title: [_norm(m.get("text")) for m in ec["members"]] for title, ec in data["statements"].items()
        },
        "arguments": {
            title: {
                "descriptions": [_norm(m.get("text")) for m in a["members"]],
                "pcs": [p["title"] for p in a.get("pcs", [])],
            }
            for title, a in data["arguments"].items()
        },
        "relations": sorted(
            [r["relationType"], kinds[r["fromType"]], r["from"], kinds[r["toType"]], r["to"]] for r in data["relations"]
        ),
    }


def reduce_model(model: ArgdownModel, strip_tags: bool = False) -> dict:
    """Our Argdown model, reduced like :func:`reduce_cli`."""

    def name(member) -> tuple[str, str]:
        if isinstance(member, EquivalenceClass):
            return "S", member.title
        if isinstance(member, ModelArgument):
            return "A", member.title
        return "I", member.argument.title

    return {
        "statements": {title: [_norm(m.text) for m in ec.members] for title, ec in model.statements.items()},
        "arguments": {
            title: {
                "descriptions": [_norm(m.text) for m in a.members],
                "pcs": [entry.statement.title for entry in a.pcs],
            }
            for title, a in model.arguments.items()
        },
        "relations": sorted([r.type, *name(r.source), *name(r.target)] for r in model.relations),
    }


def without_tags(reduced: dict) -> dict:
    """*reduced* with trailing ``#tags`` taken out of the texts (argmap's reader does that)."""
    tags = re.compile(r"(?:\s*#(?:\([^)]+\)|[\w\-]+))+\s*\Z")

    def clean(text: str) -> str:
        return tags.sub("", text)

    return {
        "statements": {t: [clean(x) for x in texts] for t, texts in reduced["statements"].items()},
        "arguments": {
            t: {"descriptions": [clean(x) for x in a["descriptions"]], "pcs": a["pcs"]}
            for t, a in reduced["arguments"].items()
        },
        "relations": reduced["relations"],
    }


def assert_cli_reads_the_same(argdown_cli: str, texts: dict[str, str]) -> None:
    """The Argdown CLI accepts every text (name -> Argdown) and reads the model argmap reads."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in texts.items():
            path = Path(tmp) / f"{name}.argdown"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        results = run_json(argdown_cli, paths, Path(tmp) / "out")
        for path in paths:
            data = results[path.stem]
            assert data is not None, f"the Argdown CLI refused {path.name}:\n{path.read_text()}"
            ours = reduce_model(read_model(path.read_text(encoding="utf-8")))
            assert without_tags(reduce_cli(data)) == without_tags(ours), path.name
