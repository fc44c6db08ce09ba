"""Inputs for the fuzzer: texts drawn from the grammar, and the example maps mutated.

:func:`grammar_texts` writes files line by line the way the grammar sees them
(keyword lines with ids, text, tags and attributes, references, annotation lines,
comments, long texts in triple quotes, header lines) at indentations that wander
up and down, with the mistakes authors make: misspelt keywords, missing colons,
tabs, stray quotes and braces, odd line endings.

:func:`mutated_maps` takes a file of ``maps/`` and applies a few edits: lines
deleted, doubled, swapped or re-indented, characters inserted or removed, the file
cut short, syntax characters and control characters dropped in.
"""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import strategies as st

MAPS = sorted((Path(__file__).resolve().parents[2] / "maps").glob("*.arg"))

KEYWORDS = ["conclusion", "claim", "premise", "assumption", "evidence", "objection", "rebuttal", "undercut", "reason"]
MISSPELT = ["premis", "Conclusion", "PREMISE", "objecton", "reasons", "claims", "title", "source", "note", "x"]
IDS = ["a", "b", "c", "x1", "n-2", "Ω", "r1", "c0"]
HEADER_KEYS = ["title", "author", "date", "source", "language", "course", "titel", "premise", "check-ignore"]
SYNTAX = ':@#{}"\\/,\t\r\x0b\x0c\x1c\x85\u2028\ufeff\x1b\x9b\u202e\x07'  # and terminal escapes

PROSE = st.text(
    string.ascii_letters + string.digits + "      .,;:!?'\"-#{}@/\\()[]*&<>%+=_~" + "ПриΑλή中😀é\u0301\u200b\x1b",
    max_size=30,
)
_tags = st.lists(st.sampled_from(["#t", "#policy", "#a/b", "#1", "#x.", "#", "\\#t"]), max_size=3).map(" ".join)
_attributes = st.sampled_from(
    [
        "",
        "{source: para 1}",
        "{weight: 0.5}",
        "{weight: 2}",
        "{verdict: accepted}",
        "{verdict: maybe}",
        '{source: "a, b"}',
        "{flag}",
        "{a: 1, a: 2}",
        "{: x}",
        "{a: {b}}",
        '{a: "open',
        "{",
        "}",
        "\\{x}",
        "{}",
        "{ }",  # an annotation line of nothing: lines under it were cut loose, and fmt re-attached them
    ]
)


@st.composite
def keyword_line(draw) -> str:
    keyword = draw(st.sampled_from(KEYWORDS + MISSPELT))
    if draw(st.booleans()):
        keyword = draw(st.sampled_from([keyword.upper(), keyword.title(), keyword]))
    node_id = draw(st.sampled_from(["", "", ""] + [f" {i}" for i in IDS] + [" two words", " -bad"]))
    colon = draw(st.sampled_from([":", ":", ":", " :", ""]))
    if draw(st.integers(0, 9)) == 0:
        text = '"""' + draw(PROSE) + draw(st.sampled_from(['"""', "", "\n" + draw(PROSE) + '"""', '\n\n  x"""']))
    else:
        text = draw(PROSE)
    tail = " ".join(part for part in (draw(_tags), draw(_attributes)) if part)
    return f"{keyword}{node_id}{colon} {text} {tail}".rstrip()


reference_line = st.builds(
    lambda keyword, node_id, tail: f"{keyword}@{node_id}{tail}",
    st.sampled_from(["", "premise ", "objection ", "claim ", "undercut ", "reason ", "conclusion "]),
    st.sampled_from(IDS + ["", "missing"]),
    st.sampled_from(["", "", " extra", " #t"]),
)
annotation_line = st.builds(lambda tags, attributes: f"{tags} {attributes}".strip() or "#t", _tags, _attributes)
comment_line = PROSE.map(lambda text: "// " + text)
junk_line = st.text(string.printable + "ПΑ中😀\x00\ufeff\x1b\x9b\u202e", max_size=20)

line_kinds = st.one_of(
    keyword_line(),
    keyword_line(),
    keyword_line(),
    reference_line,
    annotation_line,
    comment_line,
    st.just(""),
    junk_line,
)


@st.composite
def grammar_texts(draw) -> str:
    """A file drawn from the grammar, with mistakes."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        lines.append(f"{draw(st.sampled_from(HEADER_KEYS))}: {draw(PROSE)}")
    if lines and draw(st.booleans()):
        lines.append("")
    depth = 0
    width = draw(st.sampled_from([1, 2, 2, 4]))
    for _ in range(draw(st.integers(1, 25))):
        depth = max(0, depth + draw(st.sampled_from([-2, -1, 0, 0, 1, 1])))
        indent = " " * (depth * width)
        if draw(st.integers(0, 15)) == 0:
            indent = draw(st.sampled_from(["\t", " \t", indent + " ", indent[:-1]]))
        lines.append(indent + draw(line_kinds))
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 2]))
    if draw(st.integers(0, 20)) == 0:
        text = "\ufeff" + text
    return text


@st.composite
def written_maps(draw) -> str:
    """A map drawn by ``tests/strategies.py``, written by ``to_arg`` and then rewritten
    with an author's liberties (indentation, comments, capitals), often with one
    line edited."""
    import argmap

    from ..strategies import liberal_texts, maps

    text = draw(liberal_texts(argmap.to_arg(draw(maps()))))
    if draw(st.booleans()):
        lines = text.split("\n")
        mutation = draw(st.sampled_from(MUTATIONS))
        i = draw(st.integers(0, len(lines) - 1))
        j = (
            draw(st.integers(0, 200)) % len(lines)
            if mutation in (_swap_lines, _move_line)
            else draw(st.integers(0, 200))
        )
        mutation(lines, i, j, draw(_payloads))
        text = "\n".join(lines)
    return text


@st.composite
def annotation_blocks(draw) -> str:
    """Nodes with a line of tags and attributes on its own under them, and lines indented
    under that line: definitions, references (some to nothing) and more annotations."""
    lines = ["conclusion c: C."]
    for index in range(draw(st.integers(1, 4))):
        lines.append(f"  {draw(st.sampled_from(['premise', 'objection', 'claim']))} n{index}: N {index}.")
        lines.append(
            "    " * draw(st.integers(0, 1)) + "  " + draw(st.sampled_from(["{}", "{ }", "#t"]) | annotation_line)
        )
        for _ in range(draw(st.integers(0, 3))):
            under = draw(
                st.sampled_from(
                    [
                        f"premise p{index}: P.",
                        f"objection o{index}: O.",
                        "premise @c",
                        "premise @missing",
                        f"@n{index}",
                        "#t",
                        "{}",
                    ]
                )
            )
            lines.append(" " * draw(st.sampled_from([4, 6, 8])) + under)
    return "\n".join(lines) + "\n"


@st.composite
def deep_chains(draw) -> str:
    """A chain of reasons and objections hundreds of levels deep, each step an
    elaboration (``@id`` at the margin), some with undercuts: the shape that made
    ``eval``'s report grow with the square of the depth."""
    lines = ["conclusion n0: x"]
    for index in range(draw(st.integers(10, 400))):
        keyword = draw(st.sampled_from(["premise", "premise", "objection", "claim"]))
        lines += [f"@n{index}", f"  {keyword} n{index + 1}: x"]
        if draw(st.integers(0, 9)) == 0:
            lines.append(f"    undercut u{index}: not so")
    return "\n".join(lines) + "\n"


# --- mutations of the example maps -----------------------------------------


def _delete_line(lines, i, j, payload):
    del lines[i]


def _double_line(lines, i, j, payload):
    lines.insert(i, lines[i])


def _swap_lines(lines, i, j, payload):
    lines[i], lines[j] = lines[j], lines[i]


def _move_line(lines, i, j, payload):
    lines.insert(j, lines.pop(i))


def _reindent(lines, i, j, payload):
    stripped = lines[i].lstrip(" ")
    lines[i] = " " * max(0, len(lines[i]) - len(stripped) + (j % 7) - 3) + stripped


def _tab_indent(lines, i, j, payload):
    lines[i] = "\t" + lines[i]


def _insert(lines, i, j, payload):
    line = lines[i]
    at = j % (len(line) + 1)
    lines[i] = line[:at] + payload + line[at:]


def _delete_chars(lines, i, j, payload):
    line = lines[i]
    at = j % (len(line) + 1)
    lines[i] = line[:at] + line[at + len(payload) + 1 :]


def _cut_file(lines, i, j, payload):
    line = lines[i]
    lines[i] = line[: j % (len(line) + 1)]
    del lines[i + 1 :]


def _strip_keyword(lines, i, j, payload):
    lines[i] = lines[i].lstrip(" ").partition(" ")[2] or payload


def _swap_keyword(lines, i, j, payload):
    stripped = lines[i].lstrip(" ")
    indent = lines[i][: len(lines[i]) - len(stripped)]
    word = stripped.split(":")[0].split(" ")[0]
    if word.isalpha():
        lines[i] = indent + KEYWORDS[j % len(KEYWORDS)] + stripped[len(word) :]


MUTATIONS = [
    _delete_line,
    _double_line,
    _swap_lines,
    _move_line,
    _reindent,
    _tab_indent,
    _insert,
    _insert,
    _insert,
    _delete_chars,
    _cut_file,
    _strip_keyword,
    _swap_keyword,
]
_payloads = st.one_of(
    st.sampled_from(list(SYNTAX) + ['"""', "@a", " #t", " {x: 1}", "\\", "\0", "\r", "\r\n", "premise: x", "  ", "//"]),
    st.text(max_size=5),
)


def edit_lines(draw, text: str, payloads) -> str:
    """*text* with one to five edits of its lines and characters (see :data:`MUTATIONS`),
    inserting what *payloads* draws."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        mutation = draw(st.sampled_from(MUTATIONS))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, max(len(lines) - 1, 200)))
        if mutation in (_swap_lines, _move_line):
            j %= len(lines)
        mutation(lines, i, j, draw(payloads))
    return "\n".join(lines)


@st.composite
def mutated_maps(draw) -> str:
    """A file of ``maps/`` with one to five edits."""
    path = draw(st.sampled_from(MAPS))
    return edit_lines(draw, path.read_text(encoding="utf-8"), _payloads)


@st.composite
def mutated_bytes(draw) -> bytes:
    """A file of ``maps/`` as bytes, with bytes flipped, inserted or cut."""
    data = bytearray(draw(st.sampled_from(MAPS)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        choice = draw(st.integers(0, 3))
        if choice == 0 and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif choice == 1:
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif choice == 2:
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.sampled_from([b"\xef\xbb\xbf", b"\r", b"\xc3", b"\xe2\x80\xa8", b"\x00"]))
    return bytes(data)
