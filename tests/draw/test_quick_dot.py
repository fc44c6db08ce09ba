"""The quick ways of writing a large map's DOT give what the plain ways give.

:mod:`argmap.draw.dot` takes the names of a scene as they are once it has seen
that all of them are plain DOT names, escapes the lines of a section at once when
none needs it, and writes a box's lines of one style in one font element; these
tests hold each of them to the plain way, also where the quick way must step aside.
"""

from __future__ import annotations

import pytest
from graphviz.quoting import quote, quote_edge
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.draw.dot import _html_section, _plain_names, _quoted_names, html_source, html_source_pieces, layout_source
from argmap.draw.quoting import escape_text, escape_texts
from argmap.draw.scene import LABEL_SIZE, TEXT_SIZE, Scene, Section, Span, TextLines, build_scene
from tests.budget import examples
from tests.draw.reference_dot import reference_html_source, reference_layout_source
from tests.draw.samples import tiny

ODD_NAMES = ["node", "Graph", "a b", "x:y", "é1", "1abc", "-4.2", 'say "hi"', "<b>", "back\\", "", "n0\n", "ſtrict"]


def _renamed(scene: Scene, rename: dict[str, str]) -> Scene:
    """*scene* with its names of boxes, junctions and frames changed by *rename*."""

    def new(name: str) -> str:
        return rename.get(name, name)

    return scene._replace(
        boxes=tuple(box._replace(name=new(box.name)) for box in scene.boxes),
        junctions=tuple(junction._replace(name=new(junction.name)) for junction in scene.junctions),
        clusters=tuple(
            cluster._replace(name=new(cluster.name), members=tuple(map(new, cluster.members)))
            for cluster in scene.clusters
        ),
        edges=tuple(edge._replace(tail=new(edge.tail), head=new(edge.head)) for edge in scene.edges),
    )


def _sizes(scene: Scene) -> dict[str, tuple[float, float]]:
    return {box.name: (40.0 + index, 20.5) for index, box in enumerate(scene.boxes)}


def test_generated_names_are_plain():
    scene = build_scene(tiny(), legend=True)
    names, ends = _quoted_names(scene)
    assert all(names[name] == name for name in names) and names == ends
    assert "n0" in names and "j0" in names and "r0p0" in names and "cluster_r0" in names


@pytest.mark.filterwarnings("ignore:expect syntax error")
@pytest.mark.parametrize("odd", ODD_NAMES)
def test_names_that_need_quotes_are_quoted(odd):
    """One name that is not a plain DOT name, anywhere in the scene, and every name
    goes through quote (or quote_edge), as the package writes them."""
    scene = build_scene(tiny())
    for original in ("n0", "j0", scene.clusters[0].name):
        renamed = _renamed(scene, {original: odd})
        assert not _plain_names([odd])
        names, ends = _quoted_names(renamed)
        assert names[odd] == quote(odd) and ends[odd] == quote_edge(odd)
        source = html_source(renamed)
        assert source == reference_html_source(renamed) == "".join(html_source_pieces(renamed))
        assert layout_source(renamed, _sizes(renamed)) == reference_layout_source(renamed, _sizes(renamed))


def test_edge_to_an_unknown_name_is_quoted():
    scene = build_scene(tiny())
    edge = scene.edges[0]._replace(tail="not here", head="x:y")
    odd = scene._replace(edges=(edge, *scene.edges[1:]))
    assert html_source(odd) == reference_html_source(odd)
    assert '\t"not here" -> x:y [' in html_source(odd)


def test_plain_names():
    assert _plain_names(["n0", "j12", "r3p0", "cluster_r2", "legend", "_x", "N0"])
    for odd in ODD_NAMES:
        assert not _plain_names(["n0", odd]), odd


@settings(max_examples=examples(500), deadline=None)
@given(
    name=st.text(st.characters(exclude_categories=()), max_size=8)
    | st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,7}", fullmatch=True)
    | st.sampled_from(["node", "Edge", "x_1"])
)
@pytest.mark.filterwarnings("ignore:expect syntax error")
def test_plain_names_are_what_quote_leaves(name):
    if _plain_names([name]):
        assert quote(name) == quote_edge(name) == name


@settings(max_examples=examples(300), deadline=None)
@given(
    texts=st.lists(st.text(st.characters(exclude_categories=())), max_size=5),
    context=st.sampled_from(["label", "string", "svg"]),
)
def test_escape_texts_is_escape_text_of_each(texts, context):
    assert escape_texts(texts, context) == [escape_text(text, context) for text in texts]


def test_escape_texts_refuses_unknown_contexts():
    for texts in ([], ["plain"]):
        with pytest.raises(ValueError, match="unknown context"):
            escape_texts(texts, "html")


def _plain_section(section: Section) -> str:
    """A section's row as first written: one font element per span, unless every
    line is one span and all look alike."""
    from argmap.draw.dot import _html_line, _html_styled

    brk = "<br/>" if section.align == "center" else f'<br align="{section.align}"/>'
    lines = section.lines
    first = lines[0][0]
    look = first[1:]
    if all(len(line) == 1 and line[0][1:] == look for line in lines):
        joined = _html_styled(first, brk.join([escape_text(line[0].text, "label") for line in lines]))
    else:
        joined = brk.join([_html_line(line) for line in lines])
    if section.align != "center":
        joined += brk
    return f'<tr><td align="{section.align}" balign="{section.align}">{joined}</td></tr>'


_SPANS = st.builds(
    Span,
    text=st.sampled_from(["plain", "a <b> & 'c'", "back\\N", ""]),
    size=st.sampled_from([TEXT_SIZE, LABEL_SIZE]),
    color=st.sampled_from(["#111111", "#222222"]),
    bold=st.booleans(),
    italic=st.booleans(),
    strike=st.booleans(),
)


@settings(max_examples=examples(300), deadline=None)
@given(
    lines=st.lists(st.lists(_SPANS, min_size=1, max_size=3).map(tuple), min_size=1, max_size=4),
    align=st.sampled_from(["center", "left"]),
)
def test_section_rows(lines, align):
    section = Section(tuple(lines), align)
    assert _html_section(section) == _plain_section(section)


@settings(max_examples=examples(200), deadline=None)
@given(
    texts=st.lists(st.sampled_from(["plain", "a <b> & 'c'", "back\\N", ""]), min_size=1, max_size=5),
    look=st.tuples(
        st.sampled_from([TEXT_SIZE, LABEL_SIZE]),
        st.sampled_from(["#111111"]),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    ),
    align=st.sampled_from(["center", "left"]),
)
def test_text_lines_are_their_spans(texts, look, align):
    """Lines of one look, held as texts, are the one-span lines they stand for:
    equal, alike in hash and repr, and written alike."""
    compact = TextLines(tuple(texts), look)
    spelled = tuple((Span(text, *look),) for text in texts)
    assert compact == spelled and spelled == compact and hash(compact) == hash(spelled)
    assert tuple(compact) == spelled and list(compact) == list(spelled) and repr(compact) == repr(spelled)
    assert compact[0] == spelled[0] and compact[-1] == spelled[-1] and compact[1:] == spelled[1:]
    assert len(compact) == len(spelled) and spelled[0] in compact
    assert Section(compact, align) == Section(spelled, align)
    assert _html_section(Section(compact, align)) == _html_section(Section(spelled, align))


def test_boxes_hold_their_text_as_text_lines():
    scene = build_scene(tiny(), verdicts={"c": "out"})
    body = scene.boxes[0].sections[1].lines
    assert isinstance(body, TextLines) and body.texts[0].startswith("The West")
    assert body[0][0].strike == scene.theme.verdicts["out"].strike
