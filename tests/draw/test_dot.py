"""to_dot: the structure of the DOT it writes, its options and its stability."""

from __future__ import annotations

import re

import pytest

from argmap.model import Map, Node, Relation
from argmap.draw import DIRECTIONS, THEMES, RenderOptionError, to_dot
from argmap.draw.scene import build_scene
from tests.draw.samples import hostile, non_latin, tiny, wide

NAME = re.compile(r"^\t(\w+) \[", re.MULTILINE)
EDGE = re.compile(r"^\t(\w+) -> (\w+) \[(.*)\]$", re.MULTILINE)


class TestStructure:
    def test_every_relation_goes_through_one_junction(self):
        """Each relation gets a point node, premises lead into it, one arrow leaves it."""
        map = tiny()
        dot = to_dot(map)
        edges = EDGE.findall(dot)
        for index, relation in enumerate(map.relations):
            into = [tail for tail, head, _ in edges if head == f"j{index}" and not tail.startswith("j")]
            out = [head for tail, head, _ in edges if tail == f"j{index}"]
            assert len(out) == 1
            if relation.kind != "undercut":
                assert len(into) == len(relation.premises)
        assert dot.count("shape=point") == len(map.relations)

    def test_undercut_points_at_the_junction_of_its_inference(self):
        """An undercut's arrow ends at the junction point of the relation it attacks."""
        map = tiny()
        target = [r.target for r in map.relations if r.kind == "undercut"][0]
        target_junction = f"j{[r.id for r in map.relations].index(target)}"
        dot = to_dot(map)
        undercut_junction = f"j{[r.kind for r in map.relations].index('undercut')}"
        assert re.search(rf"^\t{undercut_junction} -> {target_junction} \[.*arrowhead=tee", dot, re.MULTILINE)

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
        assert "arrowhead=tee" in edges[("j2", "n0")]
        assert "style=dashed" in edges[("j5", "j1")]

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
