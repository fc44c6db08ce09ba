"""Editing a rendered map: hiding boxes, marking them, and making the SVG fit
into a page with others.

The renderer names every part of the picture after its place in the map
(:func:`argmap.draw.scene.build_scene`): box ``n3`` is the fourth node of
``map.nodes``, junction ``j2`` and the lines ``r2`` and ``r2p0``, ``r2p1`` belong
to the third relation, and a reason's frame has the title ``cluster_r2``. So one
layout can be drawn once and shown a part at a time (the steps of
:mod:`argmap.teaching.reveal` keep every box where it is), and a box can be
marked without drawing the map again.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from ..draw.svg import check_svg
from ..model import Map

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ElementTree.register_namespace("", SVG_NS)
ElementTree.register_namespace("xlink", XLINK_NS)

_G = f"{{{SVG_NS}}}g"
_TITLE = f"{{{SVG_NS}}}title"
_RELATION_PART = re.compile(r"(?:r|j)(\d+)(?:p\d+)?\Z")
_CLUSTER_TITLE = re.compile(r"cluster_r(\d+)\Z")


def node_names(the_map: Map) -> dict[str, str]:
    """Box id → the name of its group in the picture (``n0``, ``n1``, ...)."""
    return {node.id: f"n{index}" for index, node in enumerate(the_map.nodes)}


def _box_name(group_id: str) -> str:
    """The name of the box a group draws: a box drawn again (``n3_0``, marked
    REPEATED) stands for the same node as ``n3``."""
    return group_id.partition("_")[0]


def _parse(svg: bytes | str) -> ElementTree.Element:
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    return ElementTree.fromstring(data)


def _serialise(root: ElementTree.Element) -> bytes:
    data = ElementTree.tostring(root, encoding="unicode").encode("utf-8")
    check_svg(data)  # an edited picture is held to the renderer's rules too
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + data


def _groups(root: ElementTree.Element):
    """``(parent, group)`` for every ``<g>`` below the root."""
    for parent in root.iter():
        for child in list(parent):
            if child.tag == _G:
                yield parent, child


def _cluster_relation(group: ElementTree.Element) -> int | None:
    title = group.find(_TITLE)
    match = _CLUSTER_TITLE.match((title.text or "") if title is not None else "")
    return int(match.group(1)) if match else None


def visible_relations(the_map: Map, visible: set[str]) -> set[int]:
    """Indexes of the relations whose premises and target are all shown (an
    undercut's target being a shown relation)."""
    shown: set[int] = set()
    index_of = {relation.id: index for index, relation in enumerate(the_map.relations)}
    changed = True
    while changed:
        changed = False
        for index, relation in enumerate(the_map.relations):
            if index in shown or not all(p in visible for p in relation.premises):
                continue
            if relation.kind == "undercut" and relation.target in index_of:
                ok = index_of[relation.target] in shown
            else:
                ok = relation.target in visible
            if ok:
                shown.add(index)
                changed = True
    return shown


def show_only(svg: bytes, the_map: Map, visible: set[str]) -> bytes:
    """The picture with only the boxes in *visible* and the lines between them;
    everything stays where it was."""
    names = node_names(the_map)
    keep_boxes = {names[node_id] for node_id in visible if node_id in names}
    keep_relations = visible_relations(the_map, visible)
    root = _parse(svg)
    for parent, group in list(_groups(root)):
        classes = (group.get("class") or "").split()
        name = group.get("id") or ""
        if "cluster" in classes:
            index = _cluster_relation(group)
            hide = index is not None and index not in keep_relations
        elif "box" in classes:
            hide = _box_name(name) not in keep_boxes and not name.startswith("legend")
        elif "edge" in classes or "junction" in classes:
            match = _RELATION_PART.match(name)
            hide = match is not None and int(match.group(1)) not in keep_relations
        else:
            hide = False
        if hide:
            parent.remove(group)
    return _serialise(root)


def mark(svg: bytes, the_map: Map, marks: dict[str, tuple[str, str]]) -> bytes:
    """The picture with boxes marked: box id → (CSS class to add, tooltip text).
    The tooltip replaces the box's ``<title>``, which browsers show on hover."""
    names = {name: node_id for node_id, name in node_names(the_map).items()}
    root = _parse(svg)
    for _, group in _groups(root):
        node_id = names.get(_box_name(group.get("id") or ""))
        if node_id is None or node_id not in marks:
            continue
        css_class, tooltip = marks[node_id]
        group.set("class", f"{group.get('class', '')} {css_class}".strip())
        title = group.find(_TITLE)
        if title is not None:
            title.text = tooltip
    return _serialise(root)


def for_html(svg: bytes, prefix: str) -> str:
    """The SVG as text to put inside an HTML page beside other maps: no XML
    declaration, every ``id`` prefixed so that two maps on one page do not
    share one, and a class to style it by."""
    root = _parse(svg)
    for element in root.iter():
        name = element.get("id")
        if name is not None:
            element.set("id", f"{prefix}-{name}")
        for attribute, value in element.attrib.items():
            if "url(#" in value:
                element.set(attribute, value.replace("url(#", f"url(#{prefix}-"))
    root.set("class", "argmap-map")
    data = ElementTree.tostring(root, encoding="unicode")
    check_svg(data.encode("utf-8"))
    return data
