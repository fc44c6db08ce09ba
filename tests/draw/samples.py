"""Maps built in code for the renderer's tests, and the maps of ``maps/``."""

from __future__ import annotations

from pathlib import Path

from argmap.model import Map, Node, Relation, relation_id

ROOT = Path(__file__).resolve().parents[2]
MAPS_DIR = ROOT / "maps"

HOSTILE_TEXTS = (
    '"]; node [image="../../private/notes.txt"',
    "<script>alert('x')</script>",
    "Fish & chips & <b>bold</b> > less",
    r"Left\l right\r name\N graph\G end\\",
    "Already escaped: &amp; &lt;tag&gt; &#92; &nbsp;",
    'url(http://example.com/x.png) xlink:href="file:///etc/passwd" <image href="x.png"/>',
    '<!ENTITY xxe SYSTEM "file:///etc/passwd"> ]]> <![CDATA[ x ]]>',
)

NON_LATIN = {
    "serbian": "Приштина и Београд треба да наставе дијалог.",
    "greek": "Η Ελλάδα στηρίζει τον διάλογο στα Βαλκάνια.",
    "chinese": "北京认为对话应该继续进行。",
}


def _support(premises, target, kind="support"):
    premises = tuple(premises)
    return Relation(relation_id(kind, premises, target), kind, premises, target)


def tiny() -> Map:
    """A conclusion, a linked reason, an objection with a rebuttal, evidence and an
    undercut: every kind of box and line once."""
    nodes = [
        Node("c", "conclusion", "The West should take a firmer approach with Belgrade.", tags=("thesis",)),
        Node("p1", "premise", "Vucic does not intend to normalize relations with Kosovo."),
        Node("p2", "assumption", "Without that intent, the dialogue cannot deliver."),
        Node("p3", "claim", "Renewing the current approach will bring new failures.", attributes={"source": "para 12"}),
        Node("o1", "objection", "Serbia will not move on Kosovo: the consequences are too high."),
        Node("b1", "rebuttal", "Vucic is building a pretext that his tanks protect civilians."),
        Node("e1", "evidence", "He claims brutal ethnic cleansing without evidence.", attributes={"source": "para 2"}),
        Node("u1", "undercut", "Past failures need not predict future ones."),
    ]
    linked = _support(("p1", "p2"), "c")
    single = _support(("p3",), "c")
    relations = [
        linked,
        single,
        _support(("o1",), "c", "attack"),
        _support(("b1",), "o1", "attack"),
        _support(("e1",), "b1"),
        _support(("u1",), single.id, "undercut"),
    ]
    return Map(metadata={"title": "A tiny map"}, nodes=nodes, relations=relations)


def hostile() -> Map:
    """Every hostile text as a node's text, tag-free, plus hostile sources and title."""
    nodes = [Node("c", "conclusion", "Hostile texts must render as literal text.")]
    relations = []
    for index, text in enumerate(HOSTILE_TEXTS):
        node = Node(f"h{index}", "evidence", text, tags=("x-y",), attributes={"source": text})
        nodes.append(node)
        relations.append(_support((node.id,), "c"))
    return Map(metadata={"title": '<b>Title</b> "quoted" & \\N'}, nodes=nodes, relations=relations)


def non_latin() -> Map:
    """Serbian Cyrillic, Greek and Chinese texts, with a Cyrillic id."""
    nodes = [Node("закључак", "conclusion", NON_LATIN["serbian"])]
    relations = []
    for name in ("greek", "chinese"):
        nodes.append(Node(name, "premise", NON_LATIN[name], tags=("τάξη",)))
        relations.append(_support((name,), "закључак"))
    return Map(metadata={"title": "Мапа"}, nodes=nodes, relations=relations)


def wide(count: int = 12) -> Map:
    """A conclusion with *count* premises: a wide, flat map."""
    nodes = [Node("c", "conclusion", "A conclusion with many reasons.")]
    relations = []
    for index in range(count):
        nodes.append(Node(f"p{index}", "premise", f"Reason number {index} for the conclusion."))
        relations.append(_support((f"p{index}",), "c"))
    return Map(nodes=nodes, relations=relations)


CODE_MAPS = {"tiny": tiny, "hostile": hostile, "non-latin": non_latin}


def map_files() -> list[Path]:
    """The ``.arg`` files of ``maps/``, sorted."""
    return sorted(MAPS_DIR.glob("*.arg"))


def load_file(path: Path) -> Map:
    import argmap

    return argmap.load(path)


GOLDEN_VARIANTS = {
    # name: (map name, options)
    "tiny--greyscale-right": ("tiny", {"theme": "greyscale", "direction": "right"}),
    "tiny--high-contrast-down-legend": ("tiny", {"theme": "high-contrast", "direction": "down", "legend": True}),
    "tiny--ids-sources-verdicts": (
        "tiny",
        {
            "show_ids": True,
            "show_sources": True,
            "verdicts": {"c": "in", "o1": "out", "b1": "undecided"},
            "legend": True,
        },
    ),
    "tiny--left-nowrap": ("tiny", {"direction": "left", "wrap": 0}),
}


def golden_cases() -> dict[str, tuple[Map, dict]]:
    """Every golden DOT file's name with the map and options it is made from."""
    cases: dict[str, tuple[Map, dict]] = {}
    for path in map_files():
        cases[path.stem] = (load_file(path), {})
    for name, build in CODE_MAPS.items():
        cases[name] = (build(), {})
    for name, (map_name, options) in GOLDEN_VARIANTS.items():
        cases[name] = (CODE_MAPS[map_name](), options)
    return cases
