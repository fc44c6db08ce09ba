"""AIF out and in: the AIFdb/OVA JSON dialect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import load, parse, to_arg
from argmap.interop import AifFormatError, from_aif, from_argdown, to_aif
from argmap.interop.aif_read import is_aif
from argmap.model import Map
from tests.budget import examples
from tests.interop.argdown_cli import ARGDOWN_FIXTURES
from tests.strategies import maps

ROOT = Path(__file__).resolve().parents[2]
MAP_FILES = sorted((ROOT / "maps").glob("*.arg"))
LINKED = (
    "conclusion c: Socrates is mortal.\n  reason r:\n    premise h: All humans are mortal.\n"
    "    premise s: Socrates is human.\n    undercut u: Socrates is a god.\n  objection o: Socrates lives on.\n"
)


def aif(the_map: Map) -> dict:
    return json.loads(to_aif(the_map))


def by_text(data: dict) -> dict[str, dict]:
    return {node["text"]: node for node in data["nodes"] if node["type"] == "I"}


def edges_into(data: dict, node_id: str) -> list[str]:
    return [edge["fromID"] for edge in data["edges"] if edge["toID"] == node_id]


def edges_out_of(data: dict, node_id: str) -> list[str]:
    return [edge["toID"] for edge in data["edges"] if edge["fromID"] == node_id]


def structure(the_map: Map) -> set[tuple]:
    """Relations by the texts of their nodes (ids differ when a foreign file has none)."""
    text = {node.id: node.text for node in the_map.nodes}

    def name(target: str):
        if target in text:
            return text[target]
        relation = the_map.relation(target)
        return (relation.kind, frozenset(text[p] for p in relation.premises), name(relation.target))

    return {(r.kind, frozenset(text[p] for p in r.premises), name(r.target)) for r in the_map.relations}


class TestToAif:
    def test_nodes_and_edges_have_the_aifdb_fields(self):
        """nodes: nodeID, text, type; edges: edgeID, fromID, toID."""
        data = aif(parse(LINKED))
        assert all({"nodeID", "text", "type"} <= set(node) for node in data["nodes"])
        assert all({"edgeID", "fromID", "toID"} <= set(edge) for edge in data["edges"])
        assert {node["type"] for node in data["nodes"]} == {"I", "RA", "CA"}

    def test_linked_reason_is_one_ra_with_several_premises(self):
        """A linked reason is one RA-node with an edge from each premise."""
        data = aif(parse(LINKED))
        ras = [n for n in data["nodes"] if n["type"] == "RA"]
        assert len(ras) == 1
        texts = {n["nodeID"]: n["text"] for n in data["nodes"]}
        assert sorted(
            texts[i] for i in edges_into(data, ras[0]["nodeID"]) if data["nodes"][int(i) - 1]["type"] == "I"
        ) == ["All humans are mortal.", "Socrates is human."]
        assert [texts[i] for i in edges_out_of(data, ras[0]["nodeID"])] == ["Socrates is mortal."]

    def test_objection_is_i_to_ca_to_target(self):
        """An objection: I-node → CA-node → the I-node it attacks."""
        data = aif(parse(LINKED))
        nodes = by_text(data)
        ca = edges_out_of(data, nodes["Socrates lives on."]["nodeID"])[0]
        assert {n["nodeID"]: n["type"] for n in data["nodes"]}[ca] == "CA"
        assert edges_out_of(data, ca) == [nodes["Socrates is mortal."]["nodeID"]]

    def test_undercut_is_a_ca_aimed_at_an_ra(self):
        """An undercut: I-node → CA-node → the RA-node of the inference."""
        data = aif(parse(LINKED))
        types = {n["nodeID"]: n["type"] for n in data["nodes"]}
        ca = edges_out_of(data, by_text(data)["Socrates is a god."]["nodeID"])[0]
        assert [types[t] for t in edges_out_of(data, ca)] == ["RA"]

    def test_argmap_extras_are_on_the_side(self):
        """Ids, kinds and the header travel in 'argmap' objects."""
        data = aif(load(ROOT / "maps" / "smoking-ban.arg"))
        assert data["argmap"]["metadata"]["title"] == "Should smoking be banned in restaurants?"
        assert by_text(data)["Smoking should be banned in restaurants."]["argmap"] == {
            "id": "ban",
            "kind": "conclusion",
            "tags": ["policy"],
        }


class TestFromAif:
    @pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.stem)
    def test_map_file_round_trips(self, path):
        """.arg → AIF → .arg gives the same map."""
        the_map = load(path)
        assert from_aif(to_aif(the_map)).map == the_map

    @pytest.mark.parametrize("path", sorted(ARGDOWN_FIXTURES.glob("*.argdown")), ids=lambda p: p.stem)
    def test_imported_argdown_round_trips(self, path):
        """Maps imported from Argdown survive AIF too."""
        the_map = from_argdown(path.read_text(encoding="utf-8")).map
        assert from_aif(to_aif(the_map)).map == the_map

    @settings(max_examples=examples(100), deadline=None, suppress_health_check=list(HealthCheck))
    @given(maps())
    def test_generated_map_round_trips(self, the_map):
        """Any map the language can express survives AIF unchanged."""
        assert from_aif(to_aif(the_map)).map == the_map

    @pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.stem)
    def test_plain_aif_keeps_texts_and_relations(self, path):
        """Without argmap's extras (as another tool writes AIF) texts and relations are kept."""
        the_map = load(path)
        data = aif(the_map)
        data.pop("argmap", None)
        for node in data["nodes"]:
            node.pop("argmap", None)
        back = from_aif(json.dumps(data)).map
        assert sorted(n.text for n in back.nodes) == sorted(n.text for n in the_map.nodes)
        assert structure(back) == structure(the_map)
        assert (
            {n.text: n.kind for n in back.nodes}["Smoking should be banned in restaurants."] == "conclusion"
            if path.stem == "smoking-ban"
            else True
        )

    def test_foreign_aifdb_file(self):
        """AIFdb JSON with integer ids, the dialogue layer, MA and PA nodes."""
        data = {
            "nodes": [
                {"nodeID": 1, "text": "Taxes should rise.", "type": "I"},
                {"nodeID": 2, "text": "Schools need money.", "type": "I"},
                {"nodeID": 3, "text": "Default Inference", "type": "RA"},
                {"nodeID": 4, "text": "Taxes hurt growth.", "type": "I"},
                {"nodeID": 5, "text": "Default Conflict", "type": "CA"},
                {"nodeID": 6, "text": "We must raise taxes.", "type": "I"},
                {"nodeID": 7, "text": "Default Rephrase", "type": "MA"},
                {"nodeID": 8, "text": "Default Preference", "type": "PA"},
                {"nodeID": 9, "text": "Ann: schools need money", "type": "L"},
                {"nodeID": 10, "text": "Asserting", "type": "YA"},
                {"nodeID": 11, "text": "Default Transition", "type": "TA"},
            ],
            "edges": [
                {"edgeID": 1, "fromID": 2, "toID": 3},
                {"edgeID": 2, "fromID": 3, "toID": 1},
                {"edgeID": 3, "fromID": 4, "toID": 5},
                {"edgeID": 4, "fromID": 5, "toID": 1},
                {"edgeID": 5, "fromID": 1, "toID": 7},
                {"edgeID": 6, "fromID": 7, "toID": 6},
                {"edgeID": 7, "fromID": 2, "toID": 8},
                {"edgeID": 8, "fromID": 8, "toID": 4},
                {"edgeID": 9, "fromID": 9, "toID": 10},
                {"edgeID": 10, "fromID": 10, "toID": 2},
            ],
            "locutions": [],
        }
        result = from_aif(json.dumps({"AIF": data}))
        the_map = result.map
        nodes = {n.text: n for n in the_map.nodes}
        assert {(r.kind, r.premises, r.target) for r in the_map.relations} == {
            ("support", (nodes["Schools need money."].id,), nodes["Taxes should rise."].id),
            ("attack", (nodes["Taxes hurt growth."].id,), nodes["Taxes should rise."].id),
        }
        assert nodes["We must raise taxes."].attribute("aif-rephrases") == nodes["Taxes should rise."].id
        assert nodes["Schools need money."].attribute("aif-preferred-to") == nodes["Taxes hurt growth."].id
        assert nodes["Schools need money."].attribute("aif-locution") == "Ann: schools need money"
        assert nodes["Taxes should rise."].kind == "conclusion"
        assert "not carried over: 1 TA-node (dialogue)" in result.summary()
        assert parse(to_arg(the_map)) == the_map

    def test_edge_to_a_missing_node_is_an_error(self):
        """An edge that names no node is a format error, not a crash."""
        data = {"nodes": [{"nodeID": "1", "text": "A", "type": "I"}], "edges": [{"fromID": "1", "toID": "9"}]}
        with pytest.raises(AifFormatError, match="'9'"):
            from_aif(json.dumps(data))

    def test_argmap_json_is_not_aif(self):
        """is_aif tells AIF from argmap's own JSON by shape."""
        from argmap import to_json

        assert not is_aif(json.loads(to_json(load(MAP_FILES[0]))))
        assert is_aif(aif(load(MAP_FILES[0])))


def one_s_node(premises: int, conclusions: int) -> dict:
    """AIF with one RA-node of *premises* premises and *conclusions* conclusions."""
    nodes = [{"nodeID": "s", "type": "RA", "text": "RA"}]
    nodes += [{"nodeID": f"p{i}", "type": "I", "text": f"P {i}"} for i in range(premises)]
    nodes += [{"nodeID": f"c{i}", "type": "I", "text": f"C {i}"} for i in range(conclusions)]
    edges = [{"edgeID": f"e{i}", "fromID": f"p{i}", "toID": "s"} for i in range(premises)]
    edges += [{"edgeID": f"f{i}", "fromID": "s", "toID": f"c{i}"} for i in range(conclusions)]
    return {"nodes": nodes, "edges": edges}


class TestPremiseEntriesBounded:
    """Issue 16: an RA-node with p premises and c conclusions made p×c premise entries
    (449 KB took 26 s and 750 MB); more than MAX_PREMISE_ENTRIES are refused."""

    def test_many_premises_times_many_conclusions_are_refused(self):
        from argmap.interop.aif_read import from_aif_data
        from argmap.interop.errors import AifFormatError
        from argmap.limits import MAX_PREMISE_ENTRIES

        premises = 1_000
        conclusions = MAX_PREMISE_ENTRIES // premises + 1
        with pytest.raises(AifFormatError, match=f"more than {MAX_PREMISE_ENTRIES:,} premises") as caught:
            from_aif_data(one_s_node(premises, conclusions))
        assert caught.value.label == "too-many-premises"

    def test_premises_times_conclusions_within_the_bound_import(self):
        from argmap.interop.aif_read import from_aif_data

        result = from_aif_data(one_s_node(3, 4))
        assert len(result.map.relations) == 4
        assert all(len(relation.premises) == 3 for relation in result.map.relations)
