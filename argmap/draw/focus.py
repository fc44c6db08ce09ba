"""One part of a big map, drawn where it stands in the whole.

:func:`focus_parts` finds what lies within *depth* steps of a node (the reasons and
objections under it, what it answers above it, and the lines between them), and
:func:`focus_boxes` the boxes of the picture that draw them;
:func:`crop_svg` takes the picture of the whole map and keeps only those parts, cut
to their size. The whole map is laid out as usual, so the part keeps its layout:
every box is where it is in the full picture, and pictures of two parts fit
together.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from ..model import Map
from .errors import RenderOptionError

SVG_NS = "http://www.w3.org/2000/svg"
_G = f"{{{SVG_NS}}}g"
_TITLE = f"{{{SVG_NS}}}title"
_TEXT = f"{{{SVG_NS}}}text"
_RELATION_PART = re.compile(r"[rj](\d+)(?:p\d+)?\Z")
_CLUSTER = re.compile(r"cluster_r(\d+)\Z")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_TRANSLATE = re.compile(r"translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)")
MARGIN = 8.0
"""Points left around the part when it is cut out."""


def focus_parts(map: Map, node_id: str, depth: int) -> tuple[set[str], set[int]]:
    """The ids of the nodes and the indexes of the relations within
    *depth* steps of *node_id*: a step goes from a box to the premises of a relation
    aimed at it (or at one of its inferences), or to the target of a relation it is
    a premise of."""
    if not map.has_node(node_id):
        known = ", ".join(sorted(node.id for node in map.nodes)[:8])
        raise RenderOptionError(f"no node {node_id!r} to focus on (the map has {known}...)")
    if depth < 0:
        raise RenderOptionError(f"depth must be 0 or more, not {depth}")
    by_id = {relation.id: relation for relation in map.relations}

    def box_of(target: str) -> str | None:  # an undercut's target is a relation: its target box
        seen = set()
        while target in by_id and target not in seen:
            seen.add(target)
            target = by_id[target].target
        return target if map.has_node(target) else None

    reached, frontier = {node_id}, {node_id}
    for _ in range(depth):
        step: set[str] = set()
        for relation in map.relations:
            target = box_of(relation.target)
            if target in frontier:
                step.update(relation.premises)
            if frontier.intersection(relation.premises) and target is not None:
                step.add(target)
        frontier = {n for n in step if map.has_node(n)} - reached
        reached |= frontier
    relations = {
        index
        for index, relation in enumerate(map.relations)
        if set(relation.premises) <= reached and box_of(relation.target) in reached
    }
    return reached, relations


def focus_boxes(scene, focus_name: str, relations: set[int]) -> set[str]:
    """The boxes of *scene* to keep: the focus and the ends of the lines of the
    kept *relations* (a premise drawn again, marked REPEATED, is kept where the
    relation uses it, not where it is first drawn)."""
    boxes = {box.name for box in scene.boxes}
    kept = {focus_name}
    for edge in scene.edges:
        match = _RELATION_PART.match(edge.name)
        if match and int(match.group(1)) in relations:
            kept.update(end for end in (edge.tail, edge.head) if end in boxes)
    return kept


def _part_kept(group: ElementTree.Element, boxes: set[str], relations: set[int]) -> bool | None:
    """Whether a group of the picture is kept (None: not a part, look inside)."""
    classes = (group.get("class") or "").split()
    name = group.get("id") or ""
    if "cluster" in classes:
        title = group.find(_TITLE)
        match = _CLUSTER.match(title.text or "" if title is not None else "")
        return match is None or int(match.group(1)) in relations
    if "box" in classes:
        return name in boxes
    if "edge" in classes or "junction" in classes:
        match = _RELATION_PART.match(name)
        return match is None or int(match.group(1)) in relations
    return None


def crop_svg(svg: bytes, boxes: set[str], relations: set[int]) -> bytes:
    """The picture with only the given boxes and relations (see
    :func:`focus_parts`), cut to their size; the map's title is left out."""
    root = ElementTree.fromstring(svg)
    graph = root.find(_G)
    if graph is None:
        return svg
    for text in graph.findall(_TEXT):  # the title belongs to the whole map
        graph.remove(text)
    xs: list[float] = []
    ys: list[float] = []
    for parent in list(graph.iter()):
        for child in list(parent):
            if child.tag != _G:
                continue
            kept = _part_kept(child, boxes, relations)
            if kept is False:
                parent.remove(child)
            elif kept:
                _extend(child, xs, ys)
    if not xs:
        return svg
    dx, dy = _translation(graph.get("transform") or "")
    left, top = min(xs) + dx - MARGIN, min(ys) + dy - MARGIN
    width, height = max(xs) - min(xs) + 2 * MARGIN, max(ys) - min(ys) + 2 * MARGIN
    root.set("viewBox", f"{left:.2f} {top:.2f} {width:.2f} {height:.2f}")
    root.set("width", f"{width:.0f}pt")
    root.set("height", f"{height:.0f}pt")
    for polygon in graph.findall(f"{{{SVG_NS}}}polygon"):  # the background: cover the part
        polygon.set("points", _rectangle(left - dx, top - dy, width, height))
    ElementTree.register_namespace("", SVG_NS)
    serialized = ElementTree.tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + serialized.encode("utf-8")


def _extend(group: ElementTree.Element, xs: list[float], ys: list[float]) -> None:
    for element in group.iter():
        for attribute in ("points", "d"):
            numbers = [float(n) for n in _NUMBER.findall(element.get(attribute) or "")]
            xs.extend(numbers[0::2])
            ys.extend(numbers[1::2])


def _translation(transform: str) -> tuple[float, float]:
    match = _TRANSLATE.search(transform)
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _rectangle(left: float, top: float, width: float, height: float) -> str:
    right, bottom = left + width, top + height
    return f"{left:.2f},{top:.2f} {right:.2f},{top:.2f} {right:.2f},{bottom:.2f} {left:.2f},{bottom:.2f}"
