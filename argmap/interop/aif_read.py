"""AIF → map (the JSON of AIFdb, OVA and the argument-mining corpora).

- I-nodes become nodes.
- An RA-node becomes a support from its I-node premises to what it points at; a
  CA-node an attack, or an undercut when it points at an RA- or CA-node. Several
  premises make a linked reason.
- MA-nodes (rephrase) and PA-nodes (preference) have no counterpart: they are kept as
  ``aif-rephrases`` and ``aif-preferred-to`` attributes. Of the dialogue layer (L-, TA-,
  YA-nodes) the text of a locution that asserts an I-node is kept as its
  ``aif-locution`` attribute; the rest is counted as not carried over.

Node kinds follow from the relations, as for Argdown; ids are made from the texts,
unless the file came from argmap and says which they were.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..jsonio import load_json
from ..limits import MAX_PREMISE_ENTRIES
from .aif import S_TEXT
from .building import MapDraft
from .errors import AifFormatError
from .report import ImportReport, ImportResult

_SCHEMES = {"RA": "support", "CA": "attack"}
_DIALOGUE = ("L", "TA", "YA")


def is_aif(data: Any) -> bool:
    """Whether decoded JSON has the shape of AIF: ``nodes`` with ``nodeID`` and ``edges``."""
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    return (
        isinstance(data, dict)
        and isinstance(data.get("nodes"), list)
        and isinstance(data.get("edges"), list)
        and all(isinstance(node, dict) and "nodeID" in node for node in data["nodes"])
    )


def from_aif(text: str, filename: str | None = None) -> ImportResult:
    """Read AIF JSON text into a map (``AifFormatError`` if it is not AIF)."""
    return from_aif_data(load_json(text, filename, AifFormatError))


def from_aif_data(data: Any) -> ImportResult:
    """Read decoded AIF JSON into a map."""
    if not is_aif(data):
        raise AifFormatError("not AIF: expected 'nodes' (each with a 'nodeID') and 'edges'")
    return _Importer(data.get("AIF", data) if isinstance(data.get("AIF"), dict) else data).run()


class _Importer:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.report = ImportReport("aif")
        self.draft = MapDraft(self.report)
        self.nodes: dict[str, dict] = {}
        self.into: dict[str, list[str]] = {}
        self.out_of: dict[str, list[str]] = {}
        self.node_of: dict[str, str] = {}  # AIF id of an I-node -> node id
        self.relations_of: dict[str, list[str]] = {}  # AIF id of an S-node -> relation ids
        self.resolving: set[str] = set()
        self.premise_entries = 0  # premises counted once per relation made, bounded by MAX_PREMISE_ENTRIES

    def run(self) -> ImportResult:
        self.read_nodes()
        self.read_edges()
        self.report.found = self.found()
        self.metadata()
        for aif_id, node in self.nodes.items():
            if node.get("type") == "I":
                self.information(aif_id, node)
        for aif_id, node in self.nodes.items():
            if node.get("type") in _SCHEMES:
                self.scheme(aif_id)
        for aif_id, node in self.nodes.items():
            self.other(aif_id, node)
        return ImportResult(self.draft.finish(), self.report)

    def read_nodes(self) -> None:
        for node in self.data["nodes"]:
            if not isinstance(node.get("type", ""), str):
                raise AifFormatError(
                    f'the type of the node {node["nodeID"]!r:.40} must be a string, such as "I" '
                    f'or "RA": {node["type"]!r:.40}'
                )
            self.nodes[str(node["nodeID"])] = node

    def read_edges(self) -> None:
        for edge in self.data["edges"]:
            if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
                raise AifFormatError(f"every edge needs 'fromID' and 'toID': {edge!r:.80}")
            source, target = str(edge["fromID"]), str(edge["toID"])
            for end in (source, target):
                if end not in self.nodes:
                    raise AifFormatError(
                        f"the edge {edge.get('edgeID')!r} refers to the node {end!r}, which the file does not have"
                    )
            self.out_of.setdefault(source, []).append(target)
            self.into.setdefault(target, []).append(source)

    def found(self) -> list[tuple[str, int]]:
        """How many nodes of each type the file has (the argument types first), and edges."""
        types = Counter(str(node.get("type", "?")) for node in self.nodes.values())
        order = ["I", "RA", "CA", "MA", "PA", *_DIALOGUE]
        ranked = sorted(types.items(), key=lambda item: (order.index(item[0]) if item[0] in order else 99, item[0]))
        return [(f"{kind}-nodes", count) for kind, count in ranked] + [("edges", len(self.data["edges"]))]

    def metadata(self) -> None:
        extra = self.data.get("argmap")
        metadata = extra.get("metadata") if isinstance(extra, dict) else None
        if isinstance(metadata, dict):
            for key, value in metadata.items():
                self.draft.add_metadata(str(key), str(value))

    def information(self, aif_id: str, node: dict) -> None:
        extra = _object(node.get("argmap"))
        text = str(node.get("text") or "")
        if not text.strip():
            self.report.note("changed", "I-nodes without text", "'(no text)'")
        tags = extra.get("tags") if isinstance(extra.get("tags"), list) else []
        attributes = _object(extra.get("attributes"))
        preferred = extra.get("id") if isinstance(extra.get("id"), str) else None
        kind = extra.get("kind") if isinstance(extra.get("kind"), str) else None
        self.node_of[aif_id] = self.draft.add_node(preferred, text, tags, list(attributes.items()), kind=kind)

    def scheme(self, aif_id: str) -> list[str]:
        """The relations an RA- or CA-node stands for (made on first request, so that an
        undercut can wait for the inference it attacks).

        Undercuts of undercuts may chain without end: the S-nodes this one waits for are
        made first, the last of the chain first, by a walk that does not recurse."""
        if aif_id in self.relations_of:
            return self.relations_of[aif_id]
        self.resolving.add(aif_id)
        walk = [(aif_id, iter(self.undercut_targets(aif_id)))]
        while walk:
            s_node, targets = walk[-1]
            waited_for = next((t for t in targets if t not in self.relations_of and t not in self.resolving), None)
            if waited_for is not None:
                self.resolving.add(waited_for)
                walk.append((waited_for, iter(self.undercut_targets(waited_for))))
                continue
            walk.pop()
            self.make_scheme(s_node)
            self.resolving.discard(s_node)
        return self.relations_of[aif_id]

    def undercut_targets(self, aif_id: str) -> list[str]:
        """The S-nodes that the CA-node *aif_id* undercuts (none for an RA-node, or for
        a CA-node without premises, which makes no relation)."""
        if self.nodes[aif_id].get("type") != "CA" or not self.premises(aif_id):
            return []
        return [
            target
            for target in self.out_of.get(aif_id, ())
            if target not in self.node_of and self.nodes[target].get("type") in _SCHEMES
        ]

    def premises(self, aif_id: str) -> list[str]:
        """The node ids of the I-nodes that lead into an S-node (edges from other S-nodes
        into it are undercuts of it, read with those)."""
        return [self.node_of[p] for p in self.into.get(aif_id, ()) if p in self.node_of]

    def make_scheme(self, aif_id: str) -> None:
        """Make the relations of an S-node whose undercut S-nodes are made, or are in a
        circle with it (still being resolved)."""
        node = self.nodes[aif_id]
        premises = self.premises(aif_id)
        made: list[str] = []
        targets = self.out_of.get(aif_id, [])
        if not premises or not targets:
            self.report.note("dropped", "S-nodes without premise or conclusion")
        extra = _object(node.get("argmap"))
        name = extra.get("id") if isinstance(extra.get("id"), str) and len(targets) == 1 else None
        attributes = self.scheme_attributes(node, extra)
        if len(targets) > 1:
            self.report.note("changed", "S-nodes with several conclusions", "one relation each")
        self.count_premise_entries(aif_id, len(premises), len(targets))
        for target in targets if premises else ():
            kind = _SCHEMES[node["type"]]
            if target in self.node_of:
                aimed = [self.node_of[target]]
            elif self.nodes[target].get("type") in _SCHEMES and kind == "attack":
                kind = "undercut"
                aimed = self.made_relations(target)[:1]
            else:
                self.report.note("dropped", "supports of inferences (RA-nodes aimed at S-nodes)")
                continue
            if not aimed:
                self.report.note("dropped", "undercuts of inferences that could not be read")
            for goal in aimed:
                relation = self.draft.add_relation(kind, premises, goal, name, attributes=attributes)
                if relation is not None:
                    made.append(relation)
        self.relations_of[aif_id] = made

    def scheme_attributes(self, node: dict, extra: dict) -> list[tuple[str, str]]:
        """The scheme an S-node names: argmap's own field, else AIFdb's and OVA's
        ``scheme``, else a ``text`` other than the default one (a catalogue name
        becomes the scheme's id)."""
        written = extra.get("scheme")
        if not isinstance(written, str):
            text = node.get("scheme") if isinstance(node.get("scheme"), str) else node.get("text")
            if not isinstance(text, str) or not text.strip() or text.strip() in S_TEXT.values():
                return []
            from ..schemes import builtin_catalogue

            scheme = builtin_catalogue().find(text)
            written = scheme.id if scheme is not None else " ".join(text.split())
            self.report.note("kept", "schemes of S-nodes", "scheme")
        return [("scheme", written)]

    def count_premise_entries(self, aif_id: str, premises: int, conclusions: int) -> None:
        """Count the premises the S-node *aif_id* will make (one set per conclusion);
        refuse the file when the map would hold more than MAX_PREMISE_ENTRIES."""
        self.premise_entries += premises * conclusions
        if self.premise_entries > MAX_PREMISE_ENTRIES:
            raise AifFormatError(
                f"the S-node {aif_id!r:.40} has {premises:,} premises and {conclusions:,} conclusions; the map "
                f"would hold more than {MAX_PREMISE_ENTRIES:,} premises, counted once per relation",
                label="too-many-premises",
                hint="an S-node with several conclusions becomes one relation per conclusion, each with all the "
                "premises: split the S-node, or give it one conclusion",
            )

    def made_relations(self, aif_id: str) -> list[str]:
        """The relations of an undercut S-node: made already, or none when it is in a
        circle of undercuts with the S-node that asks."""
        if aif_id in self.relations_of:
            return self.relations_of[aif_id]
        self.report.note("dropped", "S-nodes in a circle of undercuts")
        return []

    def other(self, aif_id: str, node: dict) -> None:
        kind = node.get("type")
        if kind == "MA":
            self.link_attribute(aif_id, "aif-rephrases", successors=True)
        elif kind == "PA":
            self.link_attribute(aif_id, "aif-preferred-to", successors=False)
        elif kind == "YA":
            self.illocution(aif_id)
        elif kind in ("L", "TA"):
            if kind == "TA" or not any(self.nodes[t].get("type") == "YA" for t in self.out_of.get(aif_id, ())):
                self.report.note("dropped", f"{kind}-nodes (dialogue)")
        elif kind not in ("I", "RA", "CA"):
            self.report.note("dropped", f"{kind}-nodes")

    def illocution(self, aif_id: str) -> None:
        """YA: the text of each locution it connects, kept on the I-nodes it says."""
        speakers = [s for s in self.into.get(aif_id, ()) if self.nodes[s].get("type") == "L"]
        said = [t for t in self.out_of.get(aif_id, ()) if t in self.node_of]
        for locution in speakers:
            for target in said:
                self.draft.add_attribute(
                    self.node_of[target], "aif-locution", str(self.nodes[locution].get("text") or "")
                )
                self.report.note("kept", "locutions", "aif-locution")
        if not (speakers and said):
            self.report.note("dropped", "YA-nodes (dialogue)")

    def link_attribute(self, aif_id: str, key: str, successors: bool) -> None:
        """MA and PA: an attribute on the node(s) on one side naming those on the other."""
        before = [self.node_of[p] for p in self.into.get(aif_id, ()) if p in self.node_of]
        after = [self.node_of[t] for t in self.out_of.get(aif_id, ()) if t in self.node_of]
        holders, named = (after, before) if successors else (before, after)
        if not holders or not named:
            self.report.note("dropped", f"{self.nodes[aif_id].get('type')}-nodes without two I-nodes")
            return
        for holder in holders:
            self.draft.add_attribute(holder, key, ", ".join(named))
        self.report.note("kept", f"{self.nodes[aif_id].get('type')}-nodes", key)


def _object(value: Any) -> dict:
    """*value* if it is a JSON object, else an empty one (what argmap adds is optional)."""
    return value if isinstance(value, dict) else {}
