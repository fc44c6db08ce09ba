"""Markdown outline for handouts."""

from __future__ import annotations

from pathlib import Path

from argmap import load, parse
from argmap.interop import to_markdown
from argmap.interop.markdown import escape

ROOT = Path(__file__).resolve().parents[2]


class TestToMarkdown:
    def test_title_byline_and_outline(self):
        """The title is the heading; every line of the map is a nested list item."""
        text = to_markdown(
            parse(
                "title: Trees\nauthor: Ann\ndate: 2024\n\nconclusion: Plant trees.\n"
                "  premise: They cool streets. #climate {source: survey}\n"
                "    objection: Not in winter.\n"
            )
        )
        assert text.startswith("# Trees\n\n*Ann · 2024*\n")
        assert "- **Conclusion:** Plant trees.\n" in text
        assert "  - **Premise:** They cool streets. `#climate` *(source: survey)*\n" in text
        assert "    - **Objection:** Not in winter.\n" in text

    def test_linked_reason_and_undercut(self):
        """A linked reason is an item of its own; an undercut stands under its premise."""
        text = to_markdown(
            parse(
                "conclusion: C.\n  reason:\n    premise: A.\n    premise: B.\n"
                "  premise: D.\n    undercut: Not relevant.\n"
            )
        )
        assert "  - **Reason (the premises below hold together)**\n    - **Premise:** A.\n" in text
        assert "  - **Premise:** D.\n    - **Undercut:** Not relevant.\n" in text

    def test_second_mention_is_marked(self):
        """A node met again is named with '(see above)'."""
        text = to_markdown(parse("conclusion c: C.\n  premise p: P.\n\nconclusion d: D.\n  premise @p\n"))
        assert "- **Premise** (see above): P." in text

    def test_markdown_characters_are_escaped(self):
        """Stars, underscores and brackets in text are shown, not interpreted."""
        assert escape("a *b* _c_ [d](e) <f>") == "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\>"

    def test_every_map_file_has_one_item_per_line(self):
        """Each node definition of the showcase maps appears as an item."""
        the_map = load(ROOT / "maps" / "serwer-2023-serbia.arg")
        text = to_markdown(the_map)
        for node in the_map.nodes:
            assert escape(node.text.split("\n")[0]) in text
