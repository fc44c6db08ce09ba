"""Schemes, roles and cq links through AIF and Argdown, both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.interop.aif import to_aif_data
from argmap.interop.aif_read import from_aif_data
from argmap.interop.argdown import to_argdown
from argmap.interop.argdown_read import from_argdown
from tests.interop.argdown_cli import find_argdown_cli, run_json

MAP = """\
conclusion safe: Coffee in moderation is safe for adults.
  reason r1: {scheme: expert-opinion}
    premise expert: Dr Ruiz is a nutrition scientist. {role: expert}
    premise says: Dr Ruiz says that moderate coffee drinking is safe. {role: assertion}
    undercut paid: Dr Ruiz is paid by a coffee chain. {cq: trustworthy}
  premise tea: Coffee is like tea, which is safe in moderation. {scheme: analogy}
    objection caffeine: Coffee holds three times as much caffeine as tea. {cq: differences}
  claim cups: Most adults drink coffee daily without harm.
    premise: A survey of 10,000 adults found no harm. {scheme: "Local survey scheme"}
"""


def test_aif_writes_the_scheme_on_the_ra_node_as_aifdb_and_ova_do() -> None:
    data = to_aif_data(argmap.parse(MAP))
    ra = {
        node["argmap"].get("id", node["nodeID"]): node
        for node in data["nodes"]
        if node["type"] == "RA" and "argmap" in node
    }
    assert ra["r1"]["text"] == ra["r1"]["scheme"] == "Argument from expert opinion"
    assert ra["r1"]["argmap"]["scheme"] == "expert-opinion"
    assert {node["scheme"] for node in data["nodes"] if "scheme" in node} == {
        "Argument from expert opinion",
        "Argument from analogy",
        "Local survey scheme",
    }


def test_aif_round_trip_keeps_schemes_roles_and_cq_links() -> None:
    the_map = argmap.parse(MAP)
    assert from_aif_data(to_aif_data(the_map)).map == the_map


def test_aif_import_reads_the_scheme_of_other_tools() -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "text": "Coffee is safe.", "type": "I"},
            {"nodeID": "2", "text": "Dr Ruiz says so.", "type": "I"},
            {
                "nodeID": "3",
                "text": "Argument From Expert Opinion",
                "type": "RA",
                "scheme": "Argument From Expert Opinion",
                "schemeID": "11",
            },
            {"nodeID": "4", "text": "Tea is safe.", "type": "I"},
            {"nodeID": "5", "text": "Argument From A Rare Pattern", "type": "RA"},
            {"nodeID": "6", "text": "Default Inference", "type": "RA"},
            {"nodeID": "7", "text": "Cups are small.", "type": "I"},
        ],
        "edges": [
            {"edgeID": n, "fromID": a, "toID": b}
            for n, (a, b) in enumerate([("2", "3"), ("3", "1"), ("4", "5"), ("5", "1"), ("7", "6"), ("6", "1")])
        ],
    }
    the_map = from_aif_data(data).map
    schemes = sorted((r.premises[0], r.attribute("scheme")) for r in the_map.relations)
    texts = {node.id: node.text for node in the_map.nodes}
    assert [(texts[p], s) for p, s in schemes] == sorted(
        [
            ("Dr Ruiz says so.", "expert-opinion"),
            ("Tea is safe.", "Argument From A Rare Pattern"),
            ("Cups are small.", None),
        ]
    )


def test_argdown_keeps_the_scheme_in_the_inference_data() -> None:
    text = to_argdown(argmap.parse(MAP))
    assert '-- {"scheme": "expert-opinion"} --' in text
    assert '-- {"scheme": "analogy"} --' in text


def test_argdown_round_trip_keeps_schemes_roles_and_cq_links() -> None:
    the_map = argmap.parse(MAP)
    back = from_argdown(to_argdown(the_map)).map
    assert back == the_map


def test_argdown_import_reads_a_scheme_written_by_hand() -> None:
    text = "<Ruiz>\n\n(1) Dr Ruiz says coffee is safe.\n-- Expert {scheme: expert-opinion} --\n(2) Coffee is safe.\n"
    [relation] = from_argdown(text).map.relations
    assert relation.attribute("scheme") == "expert-opinion"


@pytest.mark.needs_node
def test_the_argdown_cli_reads_the_schemes(tmp_path: Path) -> None:
    cli = find_argdown_cli()
    if cli is None:
        pytest.skip("needs node and the Argdown CLI (ARGDOWN_CLI)")
    source = tmp_path / "coffee.argdown"
    source.write_text(to_argdown(argmap.parse(MAP)), encoding="utf-8")
    data = run_json(cli, [source], tmp_path / "out")["coffee"]
    assert data is not None
    found = sorted(
        step["inference"]["data"]["scheme"]
        for argument in data["arguments"].values()
        for step in argument.get("pcs", [])
        if "inference" in step
    )
    assert found == ["Local survey scheme", "analogy", "expert-opinion"]
