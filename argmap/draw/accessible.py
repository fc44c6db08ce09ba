"""Making a drawn map readable without sight.

Graphviz titles the picture with the graph's name (``argmap``) and every box with
its DOT name (``n3``), which a screen reader would read out. :func:`make_accessible`
rewrites the SVG so that:

* the ``<svg>`` element is an image (``role="img"``) whose first children are a
  ``<title>`` (the map's title) and a ``<desc>``: the argument as a numbered outline
  in words (:func:`outline_in_words`);
* every box is titled with its kind and text (``Premise: ...``), its accessible name;
* the lines, junctions and frames, which the outline already says in words, are
  hidden from assistive technology.

Every piece of map text passes :func:`argmap.draw.quoting.escape_text`. Colour is
never the only carrier of a box's kind: each box also says its kind in words.
"""

from __future__ import annotations

import re

from ..model import Map, Node, Relation
from .quoting import escape_text

_ROLE_WORDS = {"support": "supporting", "attack": "against", "undercut": "undercutting the inference to"}
_BOX_TITLE = re.compile(rb'(<g id="n(\d+)(?:_\d+)?" class="[^"]*">\s*<title>)n[\d_]+(</title>)')
"""A box's group and its title; a box drawn again (``n3_0``) is named as its node's."""
_DECORATION = re.compile(rb'<g id="(?:r\d+(?:p\d+)?|j\d+|clust\d+|legend)" class="')
_GRAPH_TITLE = re.compile(rb"(<g id=\"graph0\" class=\"graph\"[^>]*>\s*<title>)[^<]*(</title>)")
_SVG_START = re.compile(rb"<svg\b[^>]*>")


def map_title(map: Map) -> str:
    """The map's ``title``, or words saying what the picture is."""
    return map.meta("title") or "Argument map"


def box_name(node: Node) -> str:
    """A box's accessible name: its kind and its text."""
    return f"{node.kind.capitalize()}: {node.text}"


def _role(relation: Relation, numbers: dict[str, str], map: Map) -> str:
    """How a statement bears on its target, in words: ``, supporting 1.2``."""
    target = relation.target
    if relation.kind == "undercut" and map.has_relation(target):
        inference = map.relation(target)
        sources = " + ".join(numbers.get(premise, premise) for premise in inference.premises)
        target_number = numbers.get(inference.target, inference.target)
        return f", undercutting the inference from {sources} to {target_number}"
    role = f", {_ROLE_WORDS[relation.kind]} {numbers.get(target, target)}"
    return role + (" together with its co-premises" if relation.is_linked else "")


def _one_line(text: str) -> str:
    """A statement's paragraphs on one line of the outline."""
    return text.replace("\n", " ")


def outline_in_words(map: Map) -> str:
    """The argument as a numbered outline, one statement a line: ``1 Conclusion:
    ...``, ``1.1 Premise, supporting 1: ...``, each statement's paragraphs on its
    line. A statement met again is named by its
    number, not repeated; statements outside the tree (undercuts) follow it."""
    if not map.nodes:
        return "An empty map."
    numbers: dict[str, str] = {}
    counters: list[int] = []
    lines = [f"An argument map of {len(map.nodes)} statements."]
    for depth, node, via in map.tree():
        del counters[depth + 1 :]
        counters.extend([0] * (depth + 1 - len(counters)))
        counters[depth] += 1
        number = ".".join(str(count) for count in counters)
        role = "" if via is None else _role(via, numbers, map)
        if node.id in numbers:
            lines.append(f"{number} {node.kind.capitalize()}{role}: the statement {numbers[node.id]} again.")
            continue
        numbers[node.id] = number
        lines.append(f"{number} {node.kind.capitalize()}{role}: {_one_line(node.text)}")
    top = counters[0] if counters else 0
    for node in map.nodes:
        if node.id in numbers:
            continue
        top += 1
        numbers[node.id] = str(top)
        outgoing = map.outgoing(node.id)
        role = _role(outgoing[0], numbers, map) if outgoing else ""
        lines.append(f"{top} {node.kind.capitalize()}{role}: {_one_line(node.text)}")
    return "\n".join(lines)


def make_accessible(svg: bytes, map: Map) -> bytes:
    """*svg* (drawn from *map* by :func:`argmap.draw.render`) with a title, a
    description and a name on every box, as the module docs say."""
    title = escape_text(map_title(map), "svg").encode("utf-8")
    desc = escape_text(outline_in_words(map), "svg").encode("utf-8")
    nodes = map.nodes

    def name_box(match: re.Match) -> bytes:
        index = int(match.group(2))
        if index >= len(nodes):
            return match.group(0)
        name = escape_text(box_name(nodes[index]), "svg").encode("utf-8")
        return match.group(1) + name + match.group(3)

    svg = _BOX_TITLE.sub(name_box, svg)
    svg = _DECORATION.sub(lambda match: b'<g aria-hidden="true"' + match.group(0)[2:], svg)
    svg = _GRAPH_TITLE.sub(lambda match: match.group(1) + title + match.group(2), svg, count=1)
    start = _SVG_START.search(svg)
    if start is None:
        return svg
    opening = start.group(0)
    if b" role=" not in opening:
        opening = opening[:-1] + b' role="img">'
    head = b"\n<title>" + title + b"</title>\n<desc>" + desc + b"</desc>"
    return svg[: start.start()] + opening + head + svg[start.end() :]
