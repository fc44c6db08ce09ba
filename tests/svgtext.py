"""The text a viewer sees in a drawing, whichever Graphviz wrote it.

System ``dot`` writes a box's text as ``<text>b7</text>``; the embedded engine writes
``<text><tspan>  b7</tspan></text>``. Tests compare what a reader sees: the characters
of each ``<text>`` element, with white space (no-break spaces too) folded to one space.
"""

from __future__ import annotations

from xml.etree import ElementTree

SVG = "{http://www.w3.org/2000/svg}"


def words(text: str) -> str:
    """*text* with every run of white space (no-break spaces too) as one space."""
    return " ".join(text.replace("\u00a0", " ").split())


def element_text(element: ElementTree.Element) -> str:
    """The text of every ``<text>`` element in *element*, joined by spaces."""
    return " ".join(" ".join(t.itertext()) for t in element.iter(f"{SVG}text"))


def visible_texts(svg: bytes | str) -> list[str]:
    """The text of each ``<text>`` element of the drawing, in document order, as a
    reader sees it (white space folded)."""
    root = ElementTree.fromstring(svg)
    return [words("".join(t.itertext())) for t in root.iter(f"{SVG}text")]


def visible_words(svg: bytes | str) -> list[str]:
    """Every word a reader sees in the drawing, in document order. (One engine
    writes a box's kind and id as one line of text, the other as two.)"""
    return " ".join(visible_texts(svg)).split()
