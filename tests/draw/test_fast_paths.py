"""The renderer's fast paths give exactly what the plain ways give.

Wrapping, escaping, writing DOT and checking SVG each have a quick way for the
common case (see bench/bench_render.py); these tests hold each to the plain way:
textwrap, the escaping rules one by one, the graphviz package's Digraph methods
statement by statement, and an ElementTree walk over the whole SVG.
"""

from __future__ import annotations

import os
import re
import textwrap
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.draw import RenderError, engines, render
from argmap.draw import dot as dot_module
from argmap.draw import svg as svg_module
from argmap.draw.dot import html_source, html_source_pieces, layout_source
from argmap.draw.quoting import escape_text
from argmap.draw.scene import _wrap_plain, build_scene
from argmap.draw.svg import SvgFinisher, check_svg, finish_svg
from argmap.model import Map, Node, Relation, relation_id
from tests.budget import examples
from tests.draw.reference_dot import reference_html_source, reference_layout_source
from tests.draw.samples import golden_cases, hostile, non_latin, tiny, wide
from tests.draw.test_engines import _fake_dot

# --- wrapping -----------------------------------------------------------------------

_WORDS = st.text(alphabet="abcdefghij-.,!'\"&é\u00a0\t ", min_size=0, max_size=12)


@settings(max_examples=examples(500), deadline=None)
@given(words=st.lists(_WORDS, max_size=14), width=st.integers(1, 40), single=st.booleans())
def test_plain_wrap_is_textwrap(words, width, single):
    """Where the quick wrap answers, its lines are textwrap's."""
    paragraph = " ".join(words)
    if single:
        paragraph = " ".join(paragraph.split())
    lines = _wrap_plain(paragraph, width)
    if lines is not None:
        assert lines == textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=True)


def test_plain_wrap_takes_ordinary_sentences():
    """Ordinary sentences take the quick way; hyphens, long words and odd spaces do not."""
    assert _wrap_plain("Vucic does not intend to normalize relations with Kosovo.", 28) == [
        "Vucic does not intend to",
        "normalize relations with",
        "Kosovo.",
    ]
    for paragraph in ("well-known words", "a verylongwordindeed", "two  spaces", " leading", "tab\there", ""):
        assert _wrap_plain(paragraph, 10) is None


# --- escaping -----------------------------------------------------------------------

_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def _plain_escape(text: str, context: str) -> str:
    """escape_text as its module docs state it, rule by rule."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]", "\ufffd", text)
    text = re.sub("[\t\n\r]", " ", text)
    if context != "svg":
        text = text.replace("\\", "\\\\")
    if context != "string":
        text = re.sub("[&<>\"']", lambda match: _MARKUP[match.group()], text)
    return text


@pytest.mark.parametrize("context", ["label", "string", "svg"])
def test_escape_every_character(context):
    """Each character of the Basic Multilingual Plane, and some beyond, alone and
    among others, is escaped as the rules say."""
    characters = [chr(code) for code in range(0x10000)] + ["\U0001f642", "\U00010000", "\U0010ffff"]
    for character in characters:
        assert escape_text(character, context) == _plain_escape(character, context), hex(ord(character))
    text = "".join(characters)
    assert escape_text(text, context) == _plain_escape(text, context)


@settings(max_examples=examples(300), deadline=None)
@given(text=st.text(st.characters(exclude_categories=())), context=st.sampled_from(["label", "string", "svg"]))
def test_escape_is_the_rules(text, context):
    assert escape_text(text, context) == _plain_escape(text, context)


# --- DOT ----------------------------------------------------------------------------


def _varied_map(count: int = 40) -> Map:
    """Every kind of box and line many times, linked reasons, undercuts, tags and
    sources, some of them sharing texts."""
    kinds = ["premise", "assumption", "claim", "objection", "rebuttal", "evidence", "undercut"]
    nodes = [Node("c", "conclusion", "The conclusion, with a well-known hyphen.", tags=("thesis", "x"))]
    relations = []
    for index in range(count):
        kind = kinds[index % len(kinds)]
        tags = () if index % 3 else ("gen",)
        attributes = {"source": f"para {index}"} if index % 4 == 0 else {}
        text = f'Statement {index} about % and {{braces}} and <angle> & "quotes" and a backslash \\N.'
        nodes.append(Node(f"n{index}", kind, text, tags=tags, attributes=attributes))
    for index in range(0, count - 1, 2):
        first, second = f"n{index}", f"n{index + 1}"
        premises = (first, second) if index % 4 == 0 else (first,)
        kind = {"objection": "attack", "rebuttal": "attack", "undercut": "undercut"}.get(
            nodes[index + 1].kind, "support"
        )
        target = "c"
        if kind == "undercut" and relations:
            target = relations[-1].id
        elif kind == "undercut":
            kind = "support"
        relations.append(Relation(relation_id(kind, premises, target), kind, premises, target))
    return Map(metadata={"title": "Varied 100% <map>"}, nodes=nodes, relations=relations)


def _scenes():
    cases = {name: (map, options) for name, (map, options) in golden_cases().items()}
    varied = _varied_map()
    verdicts = {node.id: ("in", "out", "undecided")[index % 3] for index, node in enumerate(varied.nodes)}
    cases["varied"] = (varied, {})
    cases["varied--everything"] = (
        varied,
        {"show_ids": True, "show_sources": True, "legend": True, "verdicts": verdicts, "theme": "greyscale"},
    )
    cases["varied--nowrap"] = (varied, {"wrap": 0, "direction": "left"})
    cases["wide"] = (wide(30), {"theme": "high-contrast"})
    return {name: build_scene(map, **options) for name, (map, options) in cases.items()}


SCENES = _scenes()


@pytest.mark.parametrize("name", sorted(SCENES))
def test_dot_is_the_packages_statement_by_statement(name):
    """The DOT written from templates is, byte for byte, the DOT written through
    Digraph.node, .edge, .attr and .subgraph one statement at a time."""
    scene = SCENES[name]
    assert html_source(scene) == reference_html_source(scene)
    sizes = {box.name: (40.0 + 3.5 * index, 20.25 + index % 4) for index, box in enumerate(scene.boxes)}
    assert layout_source(scene, sizes) == reference_layout_source(scene, sizes)


# --- SVG ----------------------------------------------------------------------------


def _plain_check(svg: bytes) -> None:
    """check_svg as it was first written: ElementTree, then a walk over every element."""
    if re.search(rb"<!ENTITY|<!DOCTYPE|<\?xml-stylesheet", svg, re.IGNORECASE):
        raise RenderError("DTD")
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise RenderError("not well-formed") from error
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] not in svg_module.ALLOWED_ELEMENTS:
            raise RenderError("element")
        for name, value in element.attrib.items():
            attribute = name.rsplit("}", 1)[-1].lower()
            if attribute == "href" or attribute.startswith("on"):
                raise RenderError("attribute")
            if re.search(r"url\s*\(\s*(?!['\"]?#)", value, re.IGNORECASE) or "@import" in value.lower():
                raise RenderError("url")


SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
REFUSED = [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
    SVG_OPEN + b'<g xlink:href="https://example.com/"/></svg>',
    SVG_OPEN + b'<g HREF="x"/></svg>',
    SVG_OPEN + b'<path ONCLICK="alert(1)" d="M0,0"/></svg>',
    SVG_OPEN + b'<g xmlns:e="urn:evil" e:onload="alert(1)"/></svg>',
    SVG_OPEN + b'<g><g><g><text>deep<tspan onmouseover="x">y</tspan></text></g></g></g></svg>',
    SVG_OPEN + b'<path fill="URL(https://example.com/x)" d="M0,0"/></svg>',
    SVG_OPEN + b'<path fill="u&#114;l(https://example.com/x)" d="M0,0"/></svg>',
    SVG_OPEN + b'<path fill="url&#x28;https://example.com/x)" d="M0,0"/></svg>',
    SVG_OPEN + b'<path fill="url ( \'https://example.com/x\' )" d="M0,0"/></svg>',
    SVG_OPEN + b'<path fill="url(\n#x)" d="M0,0"/><path fill="url(" d="M0,0"/></svg>',
    SVG_OPEN + b'<g style="background: url(//example.com/x.png)"/></svg>',
    SVG_OPEN + b"<g style=\"@import 'https://example.com/x.css'\"/></svg>",
    SVG_OPEN + b'<g style="&#64;IMPORT x"/></svg>',
    SVG_OPEN + b"<image/></svg>",
    SVG_OPEN + b"<foreignObject/></svg>",
    SVG_OPEN + b"<a><text>x</text></a></svg>",
    SVG_OPEN + b"<style>@import 'x';</style></svg>",
    SVG_OPEN + b'<text title="a>b" onload="x">t</text></svg>',
    b'<?xml-stylesheet href="https://example.com/x.css"?>' + SVG_OPEN + b"</svg>",
    b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG_OPEN + b"&x;</svg>",
    b'<!doctype svg SYSTEM "https://example.com/x.dtd">' + SVG_OPEN + b"</svg>",
    SVG_OPEN + b"&undefined;</svg>",
    SVG_OPEN + b"</svg><svg/>",
    SVG_OPEN + b'<g x:y="1"/></svg>',
    b"<svg",
    b"",
]
STRICTER = [
    # Refused now, accepted by the plain check. SVG that is not UTF-8 (Graphviz
    # writes UTF-8; the raw-text checks read UTF-8):
    '<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16"),
    # The raw-text check could not see this style sheet, expat could (from the byte-order mark).
    '<?xml-stylesheet href="https://example.com/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16"),
    # Markup in a comment that would be unsafe as markup (Graphviz escapes comments).
    SVG_OPEN + b'<!-- <g onload="x"> --></svg>',
    SVG_OPEN + b"<!-- a<b (c) --></svg>",
    SVG_OPEN + b'<text><![CDATA[ <g onload="x"> ]]></text></svg>',
    '<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"><text>é</text></svg>'.encode(
        "latin-1"
    ),
]
ACCEPTED = [
    SVG_OPEN + b'<path fill="url(#g)" d="M0,0"/><path fill="url(\'#g\')" d="M0,0"/></svg>',
    SVG_OPEN + b"<text>url(https://example.com/x.png) onload=&quot;x&quot; @import</text></svg>",
    SVG_OPEN + b"<!-- <script>alert(1)</script> <g> url(#x) &#40; --></svg>",
    SVG_OPEN + b"<text><![CDATA[<script>alert(1)</script> url(x)]]></text></svg>",
    SVG_OPEN + b'<g class="onload href" id="url"><title>on</title></g></svg>',
    SVG_OPEN + b'<g data-x="&lt;url&gt;" transform="scale(1 1) rotate(0)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><text>Приштина 北京 🙂</text></svg>'.encode(),
]


@pytest.mark.parametrize("svg", REFUSED, ids=range(len(REFUSED)))
def test_hostile_svg_is_refused(svg):
    """Scripts, links, handlers, external url() and @import however written
    (prefixes, capitals, character references, white space), entities, DTDs and
    broken XML: refused, as the plain check refuses them."""
    with pytest.raises(RenderError):
        check_svg(svg)
    if not svg.startswith(b"<!doctype"):  # finish_svg drops a DOCTYPE, and this one is all that is wrong
        with pytest.raises(RenderError):
            finish_svg(svg)
    with pytest.raises(RenderError):
        _plain_check(svg)


@pytest.mark.parametrize("svg", STRICTER, ids=range(len(STRICTER)))
def test_stricter_than_the_plain_check(svg):
    """SVG in an encoding other than UTF-8, and markup in comments or CDATA that
    would be unsafe as markup, are refused (the plain check lets them pass)."""
    _plain_check(svg)
    with pytest.raises(RenderError):
        check_svg(svg)


@pytest.mark.parametrize("svg", ACCEPTED, ids=range(len(ACCEPTED)))
def test_harmless_svg_is_accepted(svg):
    """Local url(#id), hostile words as text, comments and CDATA: accepted, as the
    plain check accepts them."""
    _plain_check(svg)
    check_svg(svg)
    assert finish_svg(svg) == svg


@pytest.fixture(scope="module")
def rendered_svgs():
    maps = {"tiny": tiny(), "hostile": hostile(), "non-latin": non_latin(), "varied": _varied_map()}
    engines_here = ["embedded"] + (["system"] if engines.system_dot() else [])
    return [render(map, engine=engine) for map in maps.values() for engine in engines_here]


def test_rendered_svg_passes_both_checks(rendered_svgs):
    for svg in rendered_svgs:
        _plain_check(svg)
        check_svg(svg)


def _in_pieces(svg: bytes, size: int) -> bytes:
    finisher = SvgFinisher()
    for start in range(0, len(svg), size):
        finisher.feed(svg[start : start + size])
    return finisher.close()


RAW = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    b"<!-- Generated by graphviz version 2.43.0 (0)\n -->\n"
    + SVG_OPEN
    + b'\n<g id="n0" class="node box">'
    + b'<text font-family="DejaVu Sans" font-size="7">x</text>' * 20
    + b'<path fill="url(#g)" d="M0,0"/></g>\n</svg>\n'
)


@pytest.mark.parametrize("segment", [1, 16, 1 << 16])
@pytest.mark.parametrize("size", [1, 2, 3, 7, 10, 64, 1000, 1 << 20])
def test_finishing_in_pieces_is_finishing_the_whole(monkeypatch, segment, size, rendered_svgs):
    """SVG fed in pieces of any size comes out as finish_svg makes it of the whole:
    no DOCTYPE, the font stack everywhere, and the same checks."""
    monkeypatch.setattr(svg_module, "_SEGMENT", segment)
    whole = finish_svg(RAW)
    assert b"DOCTYPE" not in whole and b'font-family="DejaVu Sans"' not in whole
    assert whole.count(b"Verdana") == 20
    assert _in_pieces(RAW, size) == whole
    for svg in rendered_svgs[:2] if size < 64 else rendered_svgs:
        assert _in_pieces(svg, size) == finish_svg(svg)
    for bad in REFUSED:
        if not bad.startswith(b"<!doctype"):
            with pytest.raises(RenderError):
                _in_pieces(bad, size)


# --- running dot ------------------------------------------------------------------------


@pytest.mark.needs_dot
def test_streamed_svg_is_finish_svg_of_dots_output():
    """The system engine's SVG, finished while dot writes it, is finish_svg of
    dot's whole output."""
    scene = build_scene(_varied_map(200))
    source = html_source(scene)
    expected = finish_svg(engines.run_system(source, "svg"))
    assert engines.system_svg(source) == expected
    assert engines.system_svg(lambda: source) == expected
    assert engines.system_svg(lambda: html_source_pieces(scene)) == expected


@pytest.mark.parametrize("size", [1, 7, 512])
def test_dot_in_pieces(monkeypatch, size):
    """The DOT in pieces is the DOT, cut between statements."""
    monkeypatch.setattr(dot_module, "_PIECE", size)
    scene = SCENES["varied--everything"]
    pieces = list(html_source_pieces(scene))
    assert "".join(pieces) == html_source(scene) == reference_html_source(scene)
    assert all(piece.endswith("\n") for piece in pieces)
    assert len(pieces) > (1 if size < 512 else 0)


def test_large_output_in_pieces(monkeypatch, tmp_path):
    """A dot that writes a large SVG slowly, in pieces, gives it whole and checked."""
    line = '<text font-family="DejaVu Sans" x="1">' + "word " * 40 + "</text>"
    script = f"""\
        cat >/dev/null
        echo '<svg xmlns="http://www.w3.org/2000/svg">'
        for i in 1 2 3 4 5 6 7 8; do
          for j in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo '{line}'; done
          sleep 0.01
        done
        echo '</svg>'
        """
    monkeypatch.setenv("PATH", _fake_dot(tmp_path, script) + os.pathsep + "/usr/bin:/bin")
    monkeypatch.setattr(svg_module, "_SEGMENT", 4096)
    svg = engines.system_svg("digraph { a -> b }\n" * 20000)
    assert svg.count(b"<text ") == 160 and b"Verdana" in svg
    check_svg(svg)


def test_dot_failure_comes_before_unsafe_output(monkeypatch, tmp_path):
    """A dot that writes something unsafe and then fails: the error is dot's."""
    script = """\
        cat >/dev/null
        echo '<svg xmlns="http://www.w3.org/2000/svg"><script>x</script>'
        echo 'Error: out of memory' >&2
        exit 2
        """
    monkeypatch.setenv("PATH", _fake_dot(tmp_path, script) + os.pathsep + "/usr/bin:/bin")
    with pytest.raises(RenderError, match="dot failed: Error: out of memory"):
        engines.system_svg("digraph {}")


def test_dot_that_reads_nothing(monkeypatch, tmp_path):
    """A dot that exits without reading its (large) input neither hangs the render
    nor breaks it: what it says is the error."""
    monkeypatch.setenv("PATH", _fake_dot(tmp_path, "echo 'Error: bad option' >&2\nexit 1\n"))
    with pytest.raises(RenderError, match="dot failed: Error: bad option"):
        engines.system_svg("digraph { a -> b }\n" * 200000)


def test_unsafe_output_after_a_good_start(monkeypatch, tmp_path):
    """Unsafe SVG found part way through: refused once dot is done, dot not left running."""
    line = '<g id="x"><text x="1">' + "word " * 40 + "</text></g>"
    script = f"""\
        cat >/dev/null
        echo '<svg xmlns="http://www.w3.org/2000/svg">'
        for j in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo '{line}'; done
        echo '<g onload="alert(1)"/>'
        for j in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo '{line}'; done
        echo '</svg>'
        """
    monkeypatch.setenv("PATH", _fake_dot(tmp_path, script) + os.pathsep + "/usr/bin:/bin")
    monkeypatch.setattr(svg_module, "_SEGMENT", 512)
    with pytest.raises(RenderError, match="unsafe SVG: an element has the attribute onload"):
        engines.system_svg("digraph {}")


# --- the SVG check against the plain check, on made-up documents ---------------------

_ELEMENT_NAMES = [
    "g", "path", "text", "tspan", "title", "svg", "script", "image", "a", "foreignObject", "s:g", "s:script",
]  # fmt: skip
_ATTRIBUTE_NAMES = [
    "fill", "d", "class", "id", "style", "transform", "onload", "OnClick", "ONMOUSEOVER", "href", "HRef",
    "xlink:href", "xlink:title", "x:on", "x:href", "data-on", "one", "font-family", "xml:space",
]  # fmt: skip
_VALUE_PARTS = [
    "url(", "URL (", "url(#g)", "url('#g')", "#", "(", ")", "&#40;", "&#x28;", "&#0040;", "&#64;", "&#x40;", "@import",
    "@IMPORT", "@", "u&#114;l(", "&#117;rl(", " ", "\t", "\n", ">", "&amp;", "&quot;", "&lt;", "'", "a", "x", "on",
    "href", "DejaVu Sans", "&#45;", "\u00a0", "Ж", "&#133;",
]  # fmt: skip
_TEXT_PARTS = ["url(http://x)", "onload=&quot;x&quot;", " on ", "(", "@import", "&lt;g&gt;", ">", "&#40;", "text", "\n"]


@st.composite
def _documents(draw):
    def element(depth: int) -> str:
        name = draw(st.sampled_from(_ELEMENT_NAMES if depth else ["svg", "s:svg"]))
        attributes = []
        for attribute in draw(st.lists(st.sampled_from(_ATTRIBUTE_NAMES), max_size=4, unique=True)):
            value = "".join(draw(st.lists(st.sampled_from(_VALUE_PARTS), max_size=5)))
            quote = draw(st.sampled_from(['"', "'"]))
            value = value.replace(quote, "&quot;" if quote == '"' else "&apos;")
            space = draw(st.sampled_from([" ", "\n", "\t", "  "]))
            attributes.append(f"{space}{attribute}{draw(st.sampled_from(['=', ' = ']))}{quote}{value}{quote}")
        if depth == 0:
            attributes.append(
                ' xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"'
                ' xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:x="urn:x"'
            )
        opening = f"<{name}{''.join(attributes)}"
        children = []
        if depth < 3:
            for _ in range(draw(st.integers(0, 3))):
                kind = draw(st.sampled_from(["element", "text", "comment"]))
                if kind == "element":
                    children.append(element(depth + 1))
                elif kind == "text":
                    children.append(draw(st.sampled_from(_TEXT_PARTS)))
                else:
                    children.append("<!-- a comment (with brackets) -->")
        if not children and draw(st.booleans()):
            return opening + "/>"
        return f"{opening}>{''.join(children)}</{name}>"

    return element(0).encode("utf-8")


@settings(max_examples=examples(400), deadline=None)
@given(document=_documents(), segment=st.sampled_from([8, 64, 1 << 16]))
def test_check_agrees_with_the_plain_check(document, segment):
    """On made-up SVG full of near misses, the check refuses exactly what the plain
    check refuses, whole or in pieces."""
    try:
        _plain_check(document)
        refused = False
    except RenderError:
        refused = True
    try:
        check_svg(document)
        assert not refused, document
    except RenderError:
        assert refused, document
    original = svg_module._SEGMENT
    svg_module._SEGMENT = segment
    try:
        try:
            _in_pieces(document, 7)
            assert not refused, document
        except RenderError:
            assert refused, document
    finally:
        svg_module._SEGMENT = original


def test_embedded_engine_refuses_a_map_too_large_before_any_work():
    """Issue 16: the embedded render of a star of 200,000 nodes took 114 s and 3.4 GB
    before a clean error; now a map of more than MAX_EMBEDDED_BOXES nodes is refused
    before its scene is built, whatever is installed."""
    from argmap.draw.engines import MAX_EMBEDDED_BOXES

    nodes = [Node("c", "conclusion", "The hub.")] + [
        Node(f"p{i}", "premise", f"Spoke {i}.") for i in range(MAX_EMBEDDED_BOXES)
    ]
    relations = [Relation(f"support:p{i}->c", "support", [f"p{i}"], "c") for i in range(MAX_EMBEDDED_BOXES)]
    with pytest.raises(RenderError, match=f"at most {MAX_EMBEDDED_BOXES:,}"):
        render(Map(nodes=nodes, relations=relations), engine="embedded")
