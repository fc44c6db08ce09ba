"""Inputs for fuzzing ``argmap import``: Argdown from its grammar, and exchange files mutated.

:func:`argdown_texts` writes Argdown documents block by block: front matter,
headings, statements and arguments with relations indented under them (at depths
that wander), premise-conclusion structures with inferences, lists, comments and
data blocks; their text has emphasis, tags, links, mentions and shortcodes, with the
mistakes authors make (unclosed emphasis, stray brackets and arrows, odd indents).

:func:`mutated_argdown` edits the Argdown fixtures of ``tests/interop/fixtures`` and
argmap's own Argdown exports of ``maps/*.arg``; :func:`mutated_exchange_json` edits
argmap's JSON and AIF exports of those maps, as data (a value removed, replaced,
duplicated or nested) or as text.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

from hypothesis import strategies as st

from .generators import MAPS, _payloads, edit_lines

ARGDOWN_FIXTURES = sorted((Path(__file__).resolve().parents[1] / "interop" / "fixtures" / "argdown").glob("*.argdown"))

TITLES = ["A", "B", "c d", "Untitled 1", "x", "Ω", "a-b", ""]
WORDS = [
    "text",
    "more",
    "é",
    "中",
    "_",
    "*",
    "__",
    "**",
    "#tag",
    "#(two words)",
    "[link](http://x.org)",
    "@[A]",
    "@<B>",
    ":heart:",
    ".->.",
    "\\*",
    "\\_",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "(1)",
    "--",
    "+",
    "-",
    "//",
    "#",
    "===",
]
ARROWS = ["+", "-", "<+", "<-", "+>", "->", "_>", "<_", "><", "=>", "<"]
DATA = [
    "",
    "",
    " {a: 1}",
    " {uses: [1, 2]}",
    " {argmap: undercut}",
    " {a: {b: [1, {c: d}]}}",
    " {isInMap: false}",
    " {a: 'x",
    " {",
    " {argmap-kind: premise}",
    " {text: Other}",
]


@st.composite
def inline_text(draw, depth: int = 0) -> str:
    """Statement text: words, with bold and italic that may nest (and may not close)."""
    parts = draw(st.lists(st.sampled_from(WORDS[:4] + WORDS), min_size=1, max_size=6))
    if depth < 3 and draw(st.integers(0, 3)) == 0:
        marker = draw(st.sampled_from(["_", "*", "__", "**"]))
        closing = marker if draw(st.integers(0, 9)) else ""
        inner = draw(inline_text(depth + 1))
        parts.insert(draw(st.integers(0, len(parts))), f"{marker}{inner}{closing}")
    return " ".join(parts)


@st.composite
def member(draw) -> str:
    """A statement or argument: defined, referred to, or untitled text; with tags and data."""
    title = draw(st.sampled_from(TITLES))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        head = f"[{title}]"
    elif shape == 1:
        head = f"<{title}>"
    elif shape == 2:
        head = f"<{title}>: {draw(inline_text())}"
    elif shape == 3:
        head = draw(inline_text())
    else:
        head = f"[{title}]: {draw(inline_text())}"
    return head + draw(st.sampled_from(DATA))


@st.composite
def relation_tree(draw) -> list[str]:
    """A statement or argument with relations under it, indented at wandering depths."""
    lines = [draw(member())]
    depth = 0
    width = draw(st.sampled_from([1, 2, 2, 4]))
    for _ in range(draw(st.integers(0, 8))):
        depth = max(1, depth + draw(st.sampled_from([-2, -1, 0, 1, 1])))
        indent = " " * (depth * width)
        if draw(st.integers(0, 12)) == 0:
            indent = draw(st.sampled_from(["\t", indent + " ", indent[:-1], ""]))
        lines.append(f"{indent}{draw(st.sampled_from(ARROWS))} {draw(member())}")
    return lines


@st.composite
def pcs(draw) -> list[str]:
    """A premise-conclusion structure, often under an argument title, with inferences."""
    lines = [f"<{draw(st.sampled_from(TITLES))}>", ""] if draw(st.booleans()) else []
    number = 1
    for _ in range(draw(st.integers(1, 3))):
        for _ in range(draw(st.integers(0, 3))):
            lines.append(f"({number}) {draw(member())}")
            number += 1
        lines.append(
            draw(
                st.sampled_from(
                    [
                        "----",
                        "--",
                        "-- rule --",
                        "-- a, b {uses: [1]} --",
                        "--\nmodus ponens\n--",
                        "-- {uses: [9]} --",
                        "----\n  <_ [u]: U.",
                    ]
                )
            )
        )
        lines.append(f"({number}) {draw(member())}")
        number += 1
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"  {draw(st.sampled_from(ARROWS))} {draw(member())}")
    return lines


front_matter = st.sampled_from(
    [
        "===\ntitle: T\n===",
        "===\nmodel:\n    mode: strict\n===",
        "===\nmodel: {removeTagsFromText: true}\n===",
        "===\ntitle: 'open\n===",
        "===\nlist:\n  - a\n  - b: c\n===",
        "===\n===",
    ]
)
heading = st.builds(
    lambda level, text, data: f"{'#' * level} {text}{data}", st.integers(1, 4), inline_text(), st.sampled_from(DATA)
)
list_block = st.builds(
    lambda marker, items: "\n".join(f"  {marker} {item}" for item in items),
    st.sampled_from(["*", "1.", "-"]),
    st.lists(member(), min_size=1, max_size=3),
)
comment = st.sampled_from(["// a comment", "<!-- a comment -->", "/* a\ncomment */", "<!-- open"])


@st.composite
def argdown_texts(draw) -> str:
    """An Argdown document drawn from the grammar, with mistakes."""
    blocks = [draw(front_matter)] if draw(st.integers(0, 3)) == 0 else []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["tree", "tree", "tree", "pcs", "pcs", "heading", "list", "comment"]))
        if kind == "tree":
            blocks.append("\n".join(draw(relation_tree())))
        elif kind == "pcs":
            blocks.append("\n".join(draw(pcs())))
        else:
            blocks.append(draw({"heading": heading, "list": list_block, "comment": comment}[kind]))
    separators = [draw(st.sampled_from(["\n\n", "\n\n", "\n\n", "\n", "\n\n\n"])) for _ in blocks]
    text = "".join(block + separator for block, separator in zip(blocks, separators, strict=True))
    return draw(st.sampled_from(["", "", "\ufeff"])) + text.replace("\n", draw(st.sampled_from(["\n", "\n", "\r\n"])))


# --- mutations of real files --------------------------------------------------------


@functools.cache
def _exports(target: str) -> tuple[str, ...]:
    """argmap's exports of ``maps/*.arg`` in *target* format (``argdown``, ``json``, ``aif``)."""
    import argmap
    from argmap.cli import exporter

    return tuple(exporter(target)(argmap.parse(path.read_text(encoding="utf-8"))) for path in MAPS)


@functools.cache
def _argdown_sources() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in ARGDOWN_FIXTURES) + _exports("argdown")


@st.composite
def mutated_argdown(draw) -> str:
    """An Argdown fixture or export with one to five edits of lines and characters."""
    text = draw(st.sampled_from(_argdown_sources()))
    return edit_lines(draw, text, st.one_of(_payloads, st.sampled_from(ARROWS + WORDS)))


JSON_VALUES = [
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "x",
    "I",
    "RA",
    "CA",
    "MA",
    "PA",
    "YA",
    "L",
    "premise",
    "support",
    "undercut",
    "a",
    "argmap",
    "\0",
    "\ud800",
    "x\udc00",
    [],
    {},
    [1],
    {"a": 1},
    {"nodeID": "1"},
    [[[[]]]],
]


@st.composite
def mutated_exchange_json(draw) -> str:
    """argmap's JSON or AIF export of a map, edited as data and sometimes as text."""
    data = json.loads(draw(st.sampled_from(_exports("json") + _exports("aif"))))
    for _ in range(draw(st.integers(1, 4))):
        _mutate_data(draw, data)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["", "[", "{", "}", '"', ",", "\n", "1" * 5000])) + text[at + 1 :]
    return text


def _mutate_data(draw, data) -> None:
    """Walk to a random array or object inside *data* and edit one of its entries."""
    container = data
    while True:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if not keys:
            return
        key = draw(st.sampled_from(keys))
        if isinstance(container[key], (dict, list)) and container[key] and draw(st.integers(0, 2)):
            container = container[key]
            continue
        break
    choice = draw(st.integers(0, 4))
    if choice == 0:
        del container[key]
    elif choice == 1:
        # a copy: a later edit may walk into the value, and JSON_VALUES must not change
        container[key] = copy.deepcopy(draw(st.sampled_from(JSON_VALUES)))
    elif choice == 2 and isinstance(container, list):
        container.insert(key, json.loads(json.dumps(container[key])))
    elif choice == 3:
        container[key] = [container[key]]
    else:
        other = draw(st.sampled_from(keys))
        container[key] = json.loads(json.dumps(container[other]))
