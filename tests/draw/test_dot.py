"""to_dot: the structure of the DOT it writes, its options and its stability."""

from __future__ import annotations

import re

import pytest

from argmap.draw import DIRECTIONS, THEMES, RenderOptionError, to_dot
from argmap.draw.scene import build_scene
from argmap.model import Map, Node, Relation
from tests.draw.samples import hostile, non_latin, tiny, wide

NAME = re.compile(r"^\t(\w+) \[", re.MULTILINE)
EDGE = re.compile(r"^\t(\w+) -> (\w+) \[(.*)\]$", re.MULTILINE)


class TestStructure:
    def test_junctions_only_where_premises_join_or_an_undercut_lands(self):
        """A relation with co-premises, or one that is undercut, goes through a point
        node: its premises lead into it and one line leaves it. Any other relation
        is one line from its premise to its target."""
        map = tiny()
        dot = to_dot(map)
        edges = EDGE.findall(dot)
        names = {node.id: f"n{index}" for index, node in enumerate(map.nodes)}
        undercut = {r.target for r in map.relations if r.kind == "undercut"}
        junctioned = 0
        for index, relation in enumerate(map.relations):
            junction = f"j{index}"
            into = [tail for tail, head, _ in edges if head == junction and tail.startswith("n")]
            out = [head for tail, head, attributes in edges if tail == junction and "dir=back" not in attributes]
            if len(relation.premises) > 1 or relation.id in undercut:
                junctioned += 1
                assert len(out) == 1
                assert {names[p] for p in relation.premises} <= set(into)
            else:
                assert not into and not out
                if relation.kind != "undercut":
                    assert (names[relation.premises[0]], names[relation.target]) in {(t, h) for t, h, _ in edges}
        assert 0 < junctioned < len(map.relations)
        assert dot.count("shape=point") == junctioned

    def test_undercut_points_at_the_junction_of_its_inference(self):
        """An undercut's line ends at the junction point of the relation it attacks,
        in a bar (written backward, with the bar at its tail, where the undercut is
        laid out above the junction)."""
        map = tiny()
        target = [r.target for r in map.relations if r.kind == "undercut"][0]
        target_junction = f"j{[r.id for r in map.relations].index(target)}"
        undercut_box = f"n{[n.id for n in map.nodes].index('u1')}"
        dot = to_dot(map)
        forward = re.search(rf"^\t{undercut_box} -> {target_junction} \[.*arrowhead=tee", dot, re.MULTILINE)
        backward = re.search(
            rf"^\t{target_junction} -> {undercut_box} \[.*arrowtail=tee.*dir=back|"
            rf"^\t{target_junction} -> {undercut_box} \[.*dir=back.*arrowtail=tee",
            dot,
            re.MULTILINE,
        )
        assert forward or backward

    def test_undercut_of_a_linked_reason_is_laid_out_above_its_junction(self):
        """Graphviz ranks an edge's head above its tail (the conclusion is on top):
        the undercut of a linked reason is written from the junction to its box."""
        map = Map(
            nodes=[
                Node("c", "conclusion", "C."),
                Node("a", "premise", "A."),
                Node("b", "premise", "B."),
                Node("u", "undercut", "U."),
            ],
            relations=[
                Relation("support:a+b->c", "support", ("a", "b"), "c"),
                Relation("undercut:u->support:a+b->c", "undercut", ("u",), "support:a+b->c"),
            ],
        )
        dot = to_dot(map)
        assert re.search(r"^\tj0 -> n3 \[.*dir=back", dot, re.MULTILINE)
        assert "arrowtail=tee" in dot

    def test_linked_reason_is_a_framed_cluster(self):
        """The co-premises of a linked reason sit in one cluster labelled REASON."""
        dot = to_dot(tiny())
        cluster = re.search(r"subgraph cluster_r0 \{(.*?)\n\t\}", dot, re.DOTALL)
        assert cluster is not None
        body = cluster.group(1)
        assert "REASON" in body
        assert set(NAME.findall(body.replace("\t\t", "\t"))) == {"n1", "n2"}

    def test_supports_have_arrowheads_and_attacks_tees(self):
        """Support arrows end in an arrowhead, attacks and undercuts in a bar."""
        edges = {(t, h): a for t, h, a in EDGE.findall(to_dot(tiny()))}
        assert "arrowhead=normal" in edges[("j0", "n0")]
        assert "arrowhead=tee" in edges[("n4", "n0")]
        assert "arrowhead=tee" in edges[("n7", "j1")] and "style=dashed" in edges[("n7", "j1")]

    def test_each_kind_is_labelled_in_small_capitals(self):
        """Every box says its kind in capitals."""
        dot = to_dot(tiny())
        for kind in ("CONCLUSION", "PREMISE", "ASSUMPTION", "CLAIM", "OBJECTION", "REBUTTAL", "EVIDENCE", "UNDERCUT"):
            assert f"<b>{kind}</b>" in dot

    def test_dot_names_are_generated(self):
        """Node names are n0, n1, ... and j0, j1, ..., never the map's ids."""
        names = set(NAME.findall(to_dot(non_latin())))
        assert names and all(re.fullmatch(r"[nj]\d+|graph|node|edge", name) for name in names)

    def test_dangling_references_are_left_out(self):
        """A relation to an unknown node draws nothing rather than failing."""
        map = Map(
            nodes=[Node("c", "conclusion", "C."), Node("p", "premise", "P.")],
            relations=[
                Relation("support:p->missing", "support", ("p",), "missing"),
                Relation("undercut:p->nothing", "undercut", ("p",), "nothing"),
            ],
        )
        dot = to_dot(map)
        assert "->" not in dot.replace("rankdir", "")
        assert "shape=point" not in dot

    def test_evidence_shows_its_source(self):
        """Evidence carries its source; other nodes only with show_sources."""
        assert "source: para 2" in to_dot(tiny())
        assert "source: para 12" not in to_dot(tiny())
        assert "source: para 12" in to_dot(tiny(), show_sources=True)

    def test_ids_on_request(self):
        """show_ids adds each node's id next to its kind."""
        assert ">p3<" not in to_dot(tiny())
        assert ">p3<" in to_dot(tiny(), show_ids=True)

    def test_tags_are_badges(self):
        """Tags appear as #tag in a small font."""
        assert re.search(r'point-size="8"[^>]*>#thesis<', to_dot(tiny()))

    def test_legend_on_request(self):
        """legend=True adds a legend box naming the kinds and lines used."""
        assert "LEGEND" not in to_dot(tiny())
        dot = to_dot(tiny(), legend=True)
        assert "LEGEND" in dot and "undercuts the inference" in dot

    def test_text_is_wrapped(self):
        """Text is broken into lines of at most *wrap* characters."""
        dot = to_dot(wide(1), wrap=12)
        assert "Reason<br/>number 0 for<br/>the<br/>conclusion." in dot
        assert "Reason number 0 for the conclusion." in to_dot(wide(1), wrap=0)


class TestOptions:
    @pytest.mark.parametrize("direction", sorted(DIRECTIONS))
    def test_directions(self, direction):
        """Each direction sets its rankdir; up puts the conclusion on top (BT)."""
        assert f"rankdir={DIRECTIONS[direction]}" in to_dot(tiny(), direction=direction)
        assert DIRECTIONS["up"] == "BT"

    @pytest.mark.parametrize("theme", sorted(THEMES))
    def test_themes_change_only_colours(self, theme):
        """Themes give the same structure with other colours."""
        styling = re.compile(r'#[0-9a-f]{6}|border="\d"|penwidth=[\d.]+|style="rounded(,dashed)?"')
        strip = lambda text: styling.sub("", text)  # noqa: E731
        assert strip(to_dot(tiny(), theme=theme)) == strip(to_dot(tiny()))

    def test_themes_are_data(self):
        """Every theme styles every kind of box, line and verdict."""
        first = THEMES["default"]
        for theme in THEMES.values():
            assert set(theme.boxes) == set(first.boxes)
            assert set(theme.lines) == set(first.lines)
            assert set(theme.verdicts) == set(first.verdicts)

    @pytest.mark.parametrize(
        ("option", "value", "named"),
        [
            ("theme", "neon", "default, greyscale, high-contrast"),
            ("direction", "sideways", "up, down, right, left"),
        ],
    )
    def test_unknown_option_values_name_the_allowed_ones(self, option, value, named):
        """An unknown theme or direction is refused with the allowed values."""
        with pytest.raises(RenderOptionError, match=f"unknown {option} '{value}' \\(must be one of {named}\\)"):
            to_dot(tiny(), **{option: value})

    @pytest.mark.parametrize("wrap", [-1, 3, "28", True])
    def test_bad_wrap(self, wrap):
        """wrap must be 0 or a number of characters from 8 up."""
        with pytest.raises(RenderOptionError, match="wrap"):
            to_dot(tiny(), wrap=wrap)

    def test_verdicts_colour_the_boxes(self):
        """A verdict changes a box's frame and adds a verdict line; out is struck."""
        theme = THEMES["default"]
        dot = to_dot(tiny(), verdicts={"c": "in", "o1": "out", "b1": "undecided"})
        assert theme.verdicts["in"].frame in dot and "\u2713 IN" in dot
        assert "<s>" in dot and "\u2717 OUT" in dot
        assert "? UNDECIDED" in dot

    def test_unknown_verdict(self):
        """A verdict other than in, out, undecided is refused."""
        with pytest.raises(RenderOptionError, match="unknown verdict 'maybe'"):
            to_dot(tiny(), verdicts={"c": "maybe"})


class TestStability:
    def test_same_map_same_bytes(self):
        """Rendering twice, or an equal map built again, gives identical DOT."""
        assert to_dot(tiny()) == to_dot(tiny())
        assert to_dot(hostile(), legend=True) == to_dot(hostile(), legend=True)

    def test_scene_names_follow_the_map_order(self):
        """Boxes are named by position, so the DOT does not depend on hashing."""
        scene = build_scene(tiny())
        assert [box.name for box in scene.boxes] == [f"n{i}" for i in range(len(tiny().nodes))]
