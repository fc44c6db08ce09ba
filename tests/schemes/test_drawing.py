"""Schemes in pictures: the name on the reason's frame, a legend line, escaped."""

from __future__ import annotations

import argmap
from argmap.draw import to_dot
from argmap.draw.scene import build_scene

MAP = """\
conclusion safe: Coffee in moderation is safe for adults.
  reason: {scheme: expert-opinion}
    premise expert: Dr Ruiz is a nutrition scientist.
    premise says: Dr Ruiz says that moderate coffee drinking is safe.
  premise tea: Coffee is like tea. {scheme: analogy}
  premise odd: An odd reason. {scheme: "<b>&amp;\\"x"}
  premise plain: A reason with no scheme.
"""


def test_every_scheme_reason_is_framed_with_the_scheme_name() -> None:
    scene = build_scene(argmap.parse(MAP))
    labels = sorted(cluster.label for cluster in scene.clusters)
    assert labels == [
        'REASON \u00b7 <b>&amp;"x',
        "REASON \u00b7 Argument from analogy",
        "REASON \u00b7 Argument from expert opinion",
    ]


def test_the_legend_names_the_schemes_only_when_asked() -> None:
    def legend_words(scene) -> list[str]:
        return [
            span.text
            for box in scene.boxes
            if box.kind == "legend"
            for section in box.sections
            for line in section.lines
            for span in line
        ]

    the_map = argmap.parse(MAP)
    assert legend_words(build_scene(the_map)) == []
    words = legend_words(build_scene(the_map, legend=True))
    assert "Argument from analogy (analogy)" in words and "Argument from expert opinion (expert-opinion)" in words


def test_scheme_names_are_escaped_in_dot() -> None:
    dot = to_dot(argmap.parse(MAP), legend=True)
    assert '<b>&amp;"x' not in dot
    assert "&lt;b&gt;&amp;amp;&quot;x" in dot


def test_scheme_names_are_quoted_for_the_embedded_layout() -> None:
    from argmap.draw.dot import layout_source

    scene = build_scene(argmap.parse(MAP))
    source = layout_source(scene, {box.name: (72.0, 36.0) for box in scene.boxes})
    assert 'label="REASON \u00b7 <b>&amp;\\"x"' in source
