"""Map → AIF, in the JSON dialect of AIFdb and OVA.

Every node is an I-node (information). Every relation is an S-node: an RA-node
(``Default Inference``) for a support, a CA-node (``Default Conflict``) for an attack or
an undercut. Edges run from the premises to the S-node and from the S-node to what it
bears on: an I-node, or for an undercut the RA- or CA-node of the inference it attacks.
A linked reason is one S-node with several premises. A reason that names a scheme
writes it as AIFdb and OVA do: the S-node's ``text`` and ``scheme`` are the scheme's
name (``Argument from expert opinion``).

What AIF has no field for (node ids and kinds, tags, attributes, reason ids, the
header) travels in an ``argmap`` object on the nodes and at the top, which other AIF
tools ignore and :func:`~.aif_read.from_aif` reads back.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Map, relation_id
from ..schemes.catalogue import scheme_name

S_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}


def to_aif(map: Map) -> str:
    """The map as AIF JSON text."""
    return json.dumps(to_aif_data(map), ensure_ascii=False, indent=2) + "\n"


def to_aif_data(map: Map) -> dict[str, Any]:
    """The map as AIF plain data (``nodes``, ``edges``, ``locutions``)."""
    aif_ids: dict[str, str] = {}
    nodes: list[dict[str, Any]] = []
    for node in map.nodes:
        aif_ids[node.id] = str(len(aif_ids) + 1)
        extra: dict[str, Any] = {"id": node.id, "kind": node.kind}
        if node.tags:
            extra["tags"] = list(node.tags)
        if node.attributes:
            extra["attributes"] = dict(node.attributes)
        nodes.append({"nodeID": aif_ids[node.id], "text": node.text, "type": "I", "argmap": extra})
    for relation in map.relations:
        aif_ids[relation.id] = str(len(aif_ids) + 1)
    edges: list[dict[str, Any]] = []
    for relation in map.relations:
        scheme = "RA" if relation.kind == "support" else "CA"
        s_node: dict[str, Any] = {"nodeID": aif_ids[relation.id], "text": S_TEXT[scheme], "type": scheme}
        extra = {}
        if relation.id != relation_id(relation.kind, relation.premises, relation.target):
            extra["id"] = relation.id
        written = relation.attribute("scheme") if relation.attributes else None
        if written is not None:
            s_node["text"] = s_node["scheme"] = scheme_name(written)
            extra["scheme"] = written
        if extra:
            s_node["argmap"] = extra
        nodes.append(s_node)
        for premise in relation.premises:
            edges.append(_edge(len(edges) + 1, aif_ids[premise], aif_ids[relation.id]))
        edges.append(_edge(len(edges) + 1, aif_ids[relation.id], aif_ids[relation.target]))
    data: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": []}
    if map.metadata:
        data["argmap"] = {"metadata": dict(map.metadata)}
    return data


def _edge(number: int, from_id: str, to_id: str) -> dict[str, Any]:
    return {"edgeID": number, "fromID": from_id, "toID": to_id}
