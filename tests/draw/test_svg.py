"""The SVG: one group per box, one line per premise, every text present, nothing
external; with the embedded engine always and with dot where it is installed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from argmap.draw import RenderError, render, svg_for_notebook
from argmap.draw.scene import build_scene
from argmap.draw.svg import check_svg, finish_svg
from tests.draw.samples import golden_cases, non_latin, tiny
from tests.svgtext import element_text, words

SVG = "{http://www.w3.org/2000/svg}"
ENGINES = ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)]
MAPS = {name: case for name, case in golden_cases().items() if "--" not in name}


def _groups(root, classes: str) -> dict[str, ElementTree.Element]:
    wanted = set(classes.split())
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if wanted <= set((g.get("class") or "").split())}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture(scope="module")
def rendered(engine):
    return {name: render(map, engine=engine, **options) for name, (map, options) in MAPS.items()}


@pytest.mark.parametrize("name", sorted(MAPS))
class TestStructure:
    def test_one_box_group_per_node(self, name, rendered):
        """Every node of the map is a node group of class box, named n0, n1, ...
        (and a box drawn again is one more group, named after it)."""
        map, _ = MAPS[name]
        boxes = _groups(ElementTree.fromstring(rendered[name]), "node box")
        nodes = {f"n{i}" for i in range(len(map.nodes))}
        assert nodes <= set(boxes)
        # the others are boxes drawn again (REPEATED), named after the node's box
        assert all(re.fullmatch(r"n\d+_\d+", extra) and extra.split("_")[0] in nodes for extra in set(boxes) - nodes)

    def test_one_edge_group_per_premise(self, name, rendered):
        """Each premise of a relation drawn through a junction has its own line into
        it, and each relation one line to its target."""
        map, options = MAPS[name]
        root = ElementTree.fromstring(rendered[name])
        scene = build_scene(map, **options)
        premises = _groups(root, "edge premise")
        inferences = _groups(root, "edge inference")
        assert len(premises) == sum(edge.role == "premise" for edge in scene.edges)
        assert len(inferences) == len(map.relations)
        assert len(_groups(root, "node junction")) == len(scene.junctions) < len(map.relations)

    def test_node_texts_are_in_their_boxes(self, name, rendered):
        """Each box's group holds its kind and every line of its wrapped text."""
        map, options = MAPS[name]
        boxes = _groups(ElementTree.fromstring(rendered[name]), "node box")
        for box in build_scene(map, **options).boxes:
            text = words(element_text(boxes[box.name]))
            for section in box.sections:
                for line in section.lines:
                    for span in line:
                        assert words(span.text) in text, (box.name, span.text)

    def test_svg_is_self_contained(self, name, rendered):
        """The SVG has no DOCTYPE, scripts, images, links or external url()."""
        svg = rendered[name]
        check_svg(svg)
        assert b"<!DOCTYPE" not in svg


def test_boxes_fit_theirelement_text():
    """Every box is at least as wide as Graphviz's estimate of its text."""
    from argmap.draw.embedded import box_size, measure

    scene = build_scene(tiny())
    widths = measure(scene)
    svg = render(tiny(), engine="embedded").decode()
    for box in scene.boxes:
        width, _ = box_size(box, widths)
        group = re.search(rf'<g id="{box.name}" class="node box[^"]*">.*?d="([^"]*)"', svg, re.DOTALL)
        xs = [float(x) for x in re.findall(r"(-?[\d.]+),", group.group(1))]
        assert max(xs) - min(xs) == pytest.approx(width, abs=1.0)


def test_non_latin_text_in_svg(engine):
    """Cyrillic, Greek and Chinese come out of the SVG as written."""
    text = words(element_text(ElementTree.fromstring(render(non_latin(), engine=engine))))
    for word in ("Приштина", "Београд", "Ελλάδα", "Βαλκάνια", "北京认为对话应该继续进行", "Мапа", "#τάξη"):
        assert word in text


def test_font_has_fallbacks():
    """Text names DejaVu Sans first, then similar fonts, then any sans-serif."""
    svg = render(tiny(), engine="embedded").decode()
    assert 'font-family="DejaVu Sans"' not in svg
    assert 'font-family="DejaVu Sans,Verdana,Geneva,sans-serif"' in svg


def test_notebook_svg_is_inline_ready():
    """svg_for_notebook gives a str starting at the <svg> element."""
    svg = svg_for_notebook(tiny(), engine="embedded")
    assert isinstance(svg, str)
    assert not svg.startswith("<?xml") and "<svg" in svg[:300]


@pytest.mark.parametrize(
    "bad",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="/etc/passwd"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.com"><text>x</text></a></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><path fill="url(https://example.com/x)" d="M0,0"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(1)"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
        b'<?xml-stylesheet href="https://example.com/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b"<svg",
    ],
)
def test_check_svg_refuses_external_content(bad):
    """check_svg refuses scripts, images, links, external url(), handlers, entities."""
    with pytest.raises(RenderError):
        check_svg(bad)


def test_finish_svg_drops_the_doctype():
    """Graphviz's DOCTYPE (an external DTD) is removed; the rest stays."""
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
        b' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg xmlns="http://www.w3.org/2000/svg"><path fill="url(#g)" d="M0,0"/></svg>'
    )
    assert b"DOCTYPE" not in finish_svg(svg) and b"url(#g)" in finish_svg(svg)
