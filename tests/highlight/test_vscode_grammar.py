"""The VS Code grammars, run by vscode-tmgrammar-test on files that cover every
construct (editors/vscode/tests/), and in Markdown code blocks marked ``arg``.

Needs Node.js and the extension's npm packages (``editors/vscode/build.sh`` installs
them); skipped otherwise.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
TESTER = EXTENSION / "node_modules" / ".bin" / "vscode-tmgrammar-test"

pytestmark = [
    pytest.mark.needs_node,
    pytest.mark.skipif(shutil.which("node") is None, reason="node (Node.js) is not on PATH"),
]
needs_tester = pytest.mark.skipif(
    not TESTER.exists(), reason="vscode-tmgrammar-test is not installed: run editors/vscode/build.sh"
)

# What VS Code does with the language configuration's patterns, in Node.js.
INDENTING = """
const c = require("./language-configuration.json");
const increase = new RegExp(c.indentationRules.increaseIndentPattern);
const decrease = new RegExp(c.indentationRules.decreaseIndentPattern);
const word = new RegExp(c.wordPattern, "g");
console.log(JSON.stringify({
  reason: ["  reason r1:", "Reason:  // linked", "  premise: x", "  reasons: x"].map((l) => increase.test(l)),
  decrease: ["  premise: x", ""].map((l) => decrease.test(l)),
  words: "  premise @land-is-cheap. x1".match(word),
}));
"""


def _run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(TESTER), *arguments], cwd=EXTENSION, capture_output=True, text=True, timeout=120, check=False
    )


def test_language_configuration_patterns_work_in_javascript():
    result = subprocess.run(["node", "-e", INDENTING], cwd=EXTENSION, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {
        "reason": [True, True, False, False],
        "decrease": [False, False],
        "words": ["premise", "@land-is-cheap", "x1"],
    }


@needs_tester
def test_every_construct_gets_its_scope():
    result = _run("tests/constructs.arg")
    assert result.returncode == 0, result.stdout + result.stderr


@needs_tester
def test_arg_code_blocks_in_markdown_are_highlighted():
    result = _run("-g", "tests/markdown-stand-in.tmLanguage.json", "tests/fence.md")
    assert result.returncode == 0, result.stdout + result.stderr


@needs_tester
def test_a_wrong_expectation_fails(tmp_path):
    wrong = (
        (EXTENSION / "tests" / "constructs.arg")
        .read_text(encoding="utf-8")
        .replace("//         ^^^^ entity.name.function.arg", "//         ^^^^ comment.line.double-slash.arg", 1)
    )
    path = tmp_path / "wrong.arg"
    path.write_text(wrong, encoding="utf-8")
    result = _run(str(path))
    assert result.returncode != 0 and "comment.line.double-slash.arg" in result.stdout
