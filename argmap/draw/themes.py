"""Colour themes: tables of data, one entry per kind of box, line and verdict.

The renderer looks colours up here and never branches on a theme's name, so a new
theme is a new table. Every colour is a ``#rrggbb`` string.
"""

from __future__ import annotations

from types import MappingProxyType

import attrs


@attrs.frozen
class BoxStyle:
    """How a box of one kind is drawn: its frame, fill and kind label."""

    frame: str
    fill: str
    label: str
    dashed: bool = False
    penwidth: float = 1.2


@attrs.frozen
class LineStyle:
    """How the lines of one kind of inference are drawn."""

    color: str
    arrowhead: str  # "normal" for support, "tee" for attacks
    dashed: bool = False
    penwidth: float = 1.5


@attrs.frozen
class VerdictStyle:
    """How a box with an evaluation verdict is drawn, and the line that says it."""

    frame: str
    fill: str
    text: str
    mark: str
    strike: bool = False


@attrs.frozen
class Theme:
    """A complete colour scheme for maps."""

    name: str
    background: str
    text: str
    muted: str
    boxes: MappingProxyType
    lines: MappingProxyType
    verdicts: MappingProxyType


LINE_KINDS = ("support", "evidence", "objection", "rebuttal", "undercut")
"""The kinds of line: how a premise bears on its target, as the picture shows it."""

VERDICTS = ("in", "out", "undecided")


def _theme(name, background, text, muted, boxes, lines, verdicts) -> Theme:
    return Theme(
        name=name,
        background=background,
        text=text,
        muted=muted,
        boxes=MappingProxyType({kind: BoxStyle(*values) for kind, values in boxes.items()}),
        lines=MappingProxyType({kind: LineStyle(*values) for kind, values in lines.items()}),
        verdicts=MappingProxyType({kind: VerdictStyle(*values) for kind, values in verdicts.items()}),
    )


# Columns: frame, fill, label colour, dashed, pen width.
_DEFAULT = _theme(
    "default",
    background="#ffffff",
    text="#1a1a1a",
    muted="#6b6b6b",
    boxes={
        "conclusion": ("#1f4e79", "#e8f0fa", "#1f4e79", False, 2.0),
        "claim": ("#3a6ea5", "#f0f5fb", "#3a6ea5", False, 1.2),
        "premise": ("#2e7d32", "#eef7ee", "#2e7d32", False, 1.2),
        "assumption": ("#2e7d32", "#f7fbf7", "#2e7d32", False, 1.2),
        "evidence": ("#616161", "#f5f5f5", "#616161", True, 1.2),
        "objection": ("#c62828", "#fdecea", "#c62828", False, 1.2),
        "rebuttal": ("#e65100", "#fff3e0", "#e65100", False, 1.2),
        "undercut": ("#c62828", "#fdecea", "#c62828", True, 1.2),
        "legend": ("#9e9e9e", "#ffffff", "#424242", False, 1.0),
    },
    # Columns: colour, arrowhead, dashed, pen width.
    lines={
        "support": ("#2e7d32", "normal", False, 1.5),
        "evidence": ("#757575", "normal", True, 1.5),
        "objection": ("#c62828", "tee", False, 1.5),
        "rebuttal": ("#e65100", "tee", False, 1.5),
        "undercut": ("#c62828", "tee", True, 1.5),
    },
    # Columns: frame, fill, text, mark, strike.
    verdicts={
        "in": ("#1b7a1f", "#e3f4e1", "#1a1a1a", "\u2713 IN", False),
        "out": ("#9e9e9e", "#f2f2f2", "#8a8a8a", "\u2717 OUT", True),
        "undecided": ("#c79a00", "#fff8d6", "#1a1a1a", "? UNDECIDED", False),
    },
)

_GREYSCALE = _theme(
    "greyscale",
    background="#ffffff",
    text="#000000",
    muted="#555555",
    boxes={
        "conclusion": ("#000000", "#e6e6e6", "#000000", False, 2.4),
        "claim": ("#000000", "#f2f2f2", "#000000", False, 1.4),
        "premise": ("#333333", "#ffffff", "#333333", False, 1.2),
        "assumption": ("#333333", "#ffffff", "#333333", False, 1.2),
        "evidence": ("#666666", "#ffffff", "#444444", True, 1.2),
        "objection": ("#000000", "#d9d9d9", "#000000", False, 1.6),
        "rebuttal": ("#333333", "#ececec", "#000000", False, 1.6),
        "undercut": ("#000000", "#d9d9d9", "#000000", True, 1.6),
        "legend": ("#888888", "#ffffff", "#000000", False, 1.0),
    },
    lines={
        "support": ("#333333", "normal", False, 1.4),
        "evidence": ("#666666", "normal", True, 1.4),
        "objection": ("#000000", "tee", False, 2.0),
        "rebuttal": ("#444444", "tee", False, 2.0),
        "undercut": ("#000000", "tee", True, 2.0),
    },
    verdicts={
        "in": ("#000000", "#ffffff", "#000000", "\u2713 IN", False),
        "out": ("#999999", "#f2f2f2", "#777777", "\u2717 OUT", True),
        "undecided": ("#555555", "#f7f7f7", "#000000", "? UNDECIDED", False),
    },
)

_HIGH_CONTRAST = _theme(
    "high-contrast",
    background="#ffffff",
    text="#000000",
    muted="#000000",
    boxes={
        "conclusion": ("#002b80", "#ffffff", "#002b80", False, 3.0),
        "claim": ("#0047b3", "#ffffff", "#0047b3", False, 2.2),
        "premise": ("#005a00", "#ffffff", "#005a00", False, 2.2),
        "assumption": ("#005a00", "#ffffff", "#005a00", True, 2.2),
        "evidence": ("#000000", "#ffffff", "#000000", True, 2.2),
        "objection": ("#b00000", "#ffffff", "#b00000", False, 2.2),
        "rebuttal": ("#8a3b00", "#ffffff", "#8a3b00", False, 2.2),
        "undercut": ("#b00000", "#ffffff", "#b00000", True, 2.2),
        "legend": ("#000000", "#ffffff", "#000000", False, 1.5),
    },
    lines={
        "support": ("#005a00", "normal", False, 2.4),
        "evidence": ("#000000", "normal", True, 2.4),
        "objection": ("#b00000", "tee", False, 2.4),
        "rebuttal": ("#8a3b00", "tee", False, 2.4),
        "undercut": ("#b00000", "tee", True, 2.4),
    },
    verdicts={
        "in": ("#005a00", "#ffffff", "#000000", "\u2713 IN", False),
        "out": ("#595959", "#ffffff", "#595959", "\u2717 OUT", True),
        "undecided": ("#7a5c00", "#ffffff", "#000000", "? UNDECIDED", False),
    },
)

THEMES: MappingProxyType = MappingProxyType({theme.name: theme for theme in (_DEFAULT, _GREYSCALE, _HIGH_CONTRAST)})
"""Every theme by name: ``default``, ``greyscale`` (print) and ``high-contrast``."""

TAG_FILLS = (
    "#fff2b3",  # yellow
    "#cfe8ff",  # sky
    "#ffd6e0",  # pink
    "#d9f2d0",  # mint
    "#e6d9ff",  # lavender
    "#ffe0c2",  # apricot
    "#c8f0ec",  # aqua
    "#eeeeee",  # grey: every further tag
)
"""Fills for ``color_by="tag"``: one per tag, light enough for black text on any
theme; the last is shared by the tags beyond the first seven."""
COLOR_BY = ("tag",)
"""What boxes can be coloured by besides their kind."""
