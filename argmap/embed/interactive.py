"""One self-contained interactive HTML file for a map (``argmap render F -o map.html``).

The page holds everything it needs, and asks for nothing from outside (its Content
Security Policy forbids it): the map drawn as SVG, a small style sheet, a small
script, and the map's data as JSON in a ``<script type="application/json">`` element
(every ``<``, ``>`` and ``&`` written as a ``\\u`` escape, so no text can end the
element). All text from the map reaches the page escaped (in the SVG, in the JSON, in
the ``.arg`` source shown); the only script is argmap's own, allowed by its hash.

What it does: drag to pan, the wheel or the + and - buttons to zoom; click a box (or
focus it and press Enter) to highlight its chain of reasons and what attacks it, down
to the leaves; hover or focus a box to see its kind, text, tags, sources and notes; a
button switches between the map and its ``.arg`` text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources

from ..model import Map

_BOX_GROUP = re.compile(r'<g id="(n\d+(?:_\d+)?)" class="([^"]*)">(.*?)</g>', re.DOTALL)
"""A box's group: ``n3``, or ``n3_0`` for the node's box drawn again elsewhere."""
_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def map_data(map: Map) -> dict:
    """What the script needs, keyed by the SVG's names: each box's words and each
    inference's lines, premises and target (a box, or an inference's junction for an
    undercut)."""
    names = {node.id: f"n{index}" for index, node in enumerate(map.nodes)}
    junctions = {relation.id: f"j{index}" for index, relation in enumerate(map.relations)}
    boxes = {}
    for node in map.nodes:
        attributes = dict(node.attributes)
        boxes[names[node.id]] = {
            "id": node.id,
            "kind": node.kind,
            "text": node.text,
            "tags": list(node.tags),
            "source": attributes.pop("source", None),
            "notes": [f"{key}: {value}" for key, value in attributes.items()],
        }
    inferences = []
    for index, relation in enumerate(map.relations):
        premises = [names[p] for p in relation.premises if p in names]
        target = junctions.get(relation.target) if relation.kind == "undercut" else names.get(relation.target)
        if target is None or not premises:
            continue  # not drawn (a dangling reference)
        edges = [f"r{index}"] + [f"r{index}p{position}" for position in range(len(premises))]
        inferences.append(
            {
                "kind": relation.kind,
                "premises": premises,
                "target": target,
                "junction": junctions[relation.id],
                "edges": edges,
            }
        )
    return {"boxes": boxes, "inferences": inferences}


def _json_for_script(data: dict) -> str:
    """JSON that cannot end the ``<script>`` element holding it."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _visible_text(group: str) -> list[str]:
    """The lines of text a box shows, as text (the SVG holds them escaped)."""
    return [html.unescape(_TAG.sub("", line)) for line in _TEXT.findall(group)]


def _interactive_svg(svg: str, data: dict) -> str:
    """The SVG with every box focusable and named by the words it shows (its kind,
    text, tags, source), for the script to work on."""
    boxes = data["boxes"]

    def focusable(match: re.Match) -> str:
        name, classes, inside = match.groups()
        box = boxes.get(name.split("_")[0])
        if box is None:
            return match.group(0)
        lines = _visible_text(inside) or [box["text"]]
        # The kind comes first, in small capitals: say it as a word.
        if lines[0].casefold() == box["kind"].casefold():
            lines[0] = box["kind"].capitalize() + ":"
        label = html.escape(" ".join(lines), quote=True)
        return f'<g id="{name}" class="{classes}" tabindex="0" role="button" aria-label="{label}">{inside}</g>'

    svg = svg[svg.index("<svg") :]
    # The picture holds buttons now: a group with a name, not one image.
    svg = svg.replace(' role="img">', ' role="group" aria-labelledby="map-title">', 1)
    return _BOX_GROUP.sub(focusable, svg)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text("utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def interactive_html(map: Map, source: str, **options) -> str:
    """The page for *map* (drawn with *options*, those of :func:`argmap.draw.render`),
    showing *source* as its ``.arg`` text."""
    from ..draw import render
    from ..draw.accessible import map_title

    data = map_data(map)
    svg = _interactive_svg(render(map, "svg", **options).decode("utf-8"), data)
    style, script = _asset("interactive.css"), _asset("interactive.js")
    policy = (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    title = html.escape(map_title(map))
    language = html.escape(map.meta("language") or "en", quote=True)
    return _asset("interactive.html").format(
        language=language,
        policy=policy,
        title=title,
        style=style,
        svg=svg,
        source=html.escape(source),
        data=_json_for_script(data),
        script=script,
    )
