"""Every example in the documentation parses (and the README's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).parent.parent
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^```arg\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples():
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            yield pytest.param(match.group(1), id=f"{path.name}:{line}")


EXAMPLES = list(examples())


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_parses(example):
    """The example is a valid map."""
    the_map = argmap.parse(example)
    assert the_map.nodes


def test_language_page_has_a_section_per_construct():
    """docs/language.md has a section, with an example, for every construct."""
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    titles = {section.split("\n", 1)[0].strip().lower(): section for section in sections[1:]}
    for construct in [
        "header",
        "conclusion",
        "claim",
        "premise",
        "reason (linked co-premises)",
        "objection",
        "rebuttal",
        "undercut",
        "evidence",
        "assumption",
        "references",
        "elaboration",
        "tags",
        "attributes",
        "comments",
        "long text",
    ]:
        assert construct in titles, construct
        assert "```arg" in titles[construct], f"no example in section {construct}"
