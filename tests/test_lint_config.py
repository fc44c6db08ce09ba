"""CI's lint stage (.ci/run, stage 0) and pre-commit run the same tools (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(command: str) -> str:
    """The tool a command runs, without its options and paths: ``ruff check``,
    ``ruff format``, ``python .ci/complexity.py``, ``mypy``."""
    words = [word for word in command.split() if not word.startswith("-") and word not in (".", "argmap")]
    return " ".join(words[:2]) if words[0] in ("ruff", "python") else words[0]


def ci_lint_tools(text: str) -> set[str]:
    return {_tool(command) for command in re.findall(r'^\s*lint_step "[^"]+" (.+)$', text, re.M)}


def pre_commit_tools(text: str) -> set[str]:
    return {_tool(command) for command in re.findall(r"^\s*entry: (.+)$", text, re.M)}


def test_pre_commit_runs_what_ci_lints():
    ci = ci_lint_tools((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    hooks = pre_commit_tools((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert ci == {"ruff check", "ruff format", "python .ci/complexity.py", "mypy"}
    assert hooks == ci


def test_a_missing_hook_is_noticed():
    hooks = pre_commit_tools("  - id: ruff\n    entry: ruff check --force-exclude\n    entry: mypy\n")
    assert hooks == {"ruff check", "mypy"}
    assert hooks != ci_lint_tools('  lint_step "a" ruff check .\n  lint_step "b" ruff format --check .\n')


def test_contributing_is_linked_from_the_readme():
    assert "(CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pre-commit install" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
