"""Generate equivalent argument maps of any size, as .arg and as .argdown text.

The same statements and relations at every size: a conclusion, then a balanced tree
of claims, each with premises, a linked reason, an objection and a rebuttal, and
now and then an undercut, a reference and evidence. Texts are ordinary sentences.

    python bench/generate.py 1000 -o map.arg
    python bench/generate.py 1000 -o map.argdown     # the same map in Argdown
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass

WORDS = """
policy city school tax market health traffic energy water trade law court police science data study
vote council budget price risk rule right duty harm benefit cost growth climate border treaty reform
union farm coal wind solar train road bridge
""".split()  # noqa: SIM905 - a block of words reads and edits better than a list of strings


def sentence(rng: random.Random, index: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return f"Statement {index}: the {' '.join(words)} matters here."


@dataclass
class Section:
    """What one claim's section says about it: statements as ``(id, text)``."""

    claim: str
    reason: list[tuple[str, str]]  # two linked co-premises, tagged #gen
    objection: tuple[str, str]
    rebuttal: tuple[str, str]  # with {source: para N}
    source: str
    undercut_trio: tuple[tuple[str, str], tuple[str, str], tuple[str, str]] | None  # premise, undercut, evidence
    claims: list[tuple[str, str]]  # two sub-claims, each with a section of its own later


def sections(nodes: int, seed: int = 1, undercuts: bool = False) -> tuple[str, list[Section]]:
    """The conclusion's text and the sections of a map with about *nodes* nodes, in
    the order both writers print them (the random texts are drawn in that order).

    The premise-undercut-evidence trio is drawn when ``count % 3 == 0``, which the
    running count (5 modulo 6 at that point) never is: by default, as the maps of
    the other benchmarks have always been, there is none. *undercuts* adds one to
    every third section instead."""
    rng = random.Random(seed)
    conclusion = sentence(rng, 0)
    result: list[Section] = []
    count = 1
    pending = ["c0"]

    def statement() -> tuple[str, str]:
        nonlocal count
        made = (f"n{count}", sentence(rng, count))
        count += 1
        return made

    while count < nodes and pending:
        claim = pending.pop(0)
        reason = [statement(), statement()]
        objection = statement()
        source = f"para {count % 40}"
        rebuttal = statement()
        wanted = len(result) % 3 == 2 if undercuts else count % 3 == 0
        trio = (statement(), statement(), statement()) if wanted else None
        claims = [statement(), statement()]
        pending.extend(node_id for node_id, _ in claims)
        result.append(Section(claim, reason, objection, rebuttal, source, trio, claims))
    return conclusion, result


def generate_arg(nodes: int, seed: int = 1, undercuts: bool = False) -> str:
    """An .arg map with about *nodes* nodes: a conclusion, then one section per claim
    (an elaboration at the left margin) giving its reasons, objections and sub-claims
    (and, with *undercuts*, an undercut premise with evidence in every third one)."""
    conclusion, parts = sections(nodes, seed, undercuts)
    lines = ["title: Generated map", "author: bench/generate.py", "", f"conclusion c0: {conclusion}"]
    for part in parts:
        if part.claim != "c0":
            lines.extend(["", f"@{part.claim}"])
        lines.append("  reason:")
        for node_id, text in part.reason:
            lines.append(f"    premise {node_id}: {text} #gen")
        lines.append(f"  objection {part.objection[0]}: {part.objection[1]}")
        lines.append(f"    rebuttal {part.rebuttal[0]}: {part.rebuttal[1]} {{source: {part.source}}}")
        if part.undercut_trio:
            (premise, text), (undercut, undercut_text), (evidence, evidence_text) = part.undercut_trio
            lines.append(f"  premise {premise}: {text}")
            lines.append(f"    undercut {undercut}: {undercut_text}")
            lines.append(f"    evidence {evidence}: {evidence_text}")
        for node_id, text in part.claims:
            lines.append(f"  claim {node_id}: {text}")
    return "\n".join(lines) + "\n"


def generate_argdown(nodes: int, seed: int = 1, undercuts: bool = False) -> str:
    """The map of :func:`generate_arg` in Argdown: the same statements (titles are our
    ids, texts the same), the same tags and source attributes, and the same relations.

    - A linked reason (two co-premises) is an argument in premise-conclusion form,
      ``<r-CLAIM>``: (1), (2) ---- (3) [CLAIM]. Argdown derives its support of CLAIM.
    - An objection or rebuttal is an attack, ``- [id]``, in the claim's relation tree;
      a sub-claim is a support, ``+ [id]``; evidence supports its premise, ``+ [id]``.
    - A premise whose inference is undercut is an argument of one premise,
      ``<s-PREMISE>``: (1) ---- (2) [CLAIM], and the undercut is ``[id] _> <s-PREMISE>``
      (Argdown undercuts attack an argument's inference, never a statement).
    """
    conclusion, parts = sections(nodes, seed, undercuts)
    blocks = ["===\ntitle: Generated map\nauthor: bench/generate.py\n===", f"[c0]: {conclusion}"]
    for part in parts:
        (first, first_text), (second, second_text) = part.reason
        blocks.append(
            f"<r-{part.claim}>\n\n(1) [{first}]: {first_text} #gen\n(2) [{second}]: {second_text} #gen\n"
            f"----\n(3) [{part.claim}]"
        )
        tree = [
            f"[{part.claim}]",
            f"  - [{part.objection[0]}]: {part.objection[1]}",
            f'    - [{part.rebuttal[0]}]: {part.rebuttal[1]} {{source: "{part.source}"}}',
        ]
        tree.extend(f"  + [{node_id}]: {text}" for node_id, text in part.claims)
        blocks.append("\n".join(tree))
        if part.undercut_trio:
            (premise, text), (undercut, undercut_text), (evidence, evidence_text) = part.undercut_trio
            blocks.append(f"<s-{premise}>\n\n(1) [{premise}]: {text}\n----\n(2) [{part.claim}]")
            blocks.append(f"[{undercut}]: {undercut_text}\n  _> <s-{premise}>")
            blocks.append(f"[{premise}]\n  + [{evidence}]: {evidence_text}")
    return "\n\n".join(blocks) + "\n"


DEEP_LEVELS = 30
DEEP_TEXT = 90


def deep_outline(nodes: int, seed: int = 1) -> list[tuple[int, str, str, bool]]:
    """A random outline of *nodes* statements up to :data:`DEEP_LEVELS` deep, as
    ``(depth, id, text, attacks)`` in reading order (depth 0: the conclusion).

    Each statement goes one level deeper than the last (seven times in ten, while
    there is room) or back to a random shallower level, so that long chains of
    reasons and objections grow and end as they do in a worked-out map; one in
    three attacks its parent. Texts are sentences of :data:`DEEP_TEXT` characters."""
    rng = random.Random(seed)
    outline = [(0, "c0", _sentence_of(rng, 0), False)]
    depth = 0
    for index in range(1, nodes):
        if depth < DEEP_LEVELS and (depth == 0 or rng.random() < 0.7):
            depth += 1
        else:
            depth = rng.randint(1, depth)
        outline.append((depth, f"n{index}", _sentence_of(rng, index), rng.random() < 1 / 3))
    return outline


def _sentence_of(rng: random.Random, index: int) -> str:
    text = f"Statement {index}: the"
    while len(text) < DEEP_TEXT - 1:
        text += " " + rng.choice(WORDS)
    return text[: DEEP_TEXT - 1].rstrip() + "."


def generate_deep_arg(nodes: int, seed: int = 1) -> str:
    """The outline of :func:`deep_outline` as an .arg map: a support is a
    ``premise``, an attack an ``objection`` (a ``rebuttal`` under an attack)."""
    lines = ["title: Generated deep map", "author: bench/generate.py", ""]
    attacks_at: dict[int, bool] = {}
    for depth, node_id, text, attacks in deep_outline(nodes, seed):
        attacks_at[depth] = attacks
        if depth == 0:
            lines.append(f"conclusion {node_id}: {text}")
            continue
        kind = ("rebuttal" if attacks_at.get(depth - 1) and depth > 1 else "objection") if attacks else "premise"
        lines.append(f"{'  ' * depth}{kind} {node_id}: {text}")
    return "\n".join(lines) + "\n"


def generate_deep_argdown(nodes: int, seed: int = 1) -> str:
    """The map of :func:`generate_deep_arg` in Argdown: one relation tree, ``+`` for
    a support and ``-`` for an attack, indented as deep as the outline."""
    lines = ["===\ntitle: Generated deep map\nauthor: bench/generate.py\n===", ""]
    for depth, node_id, text, attacks in deep_outline(nodes, seed):
        if depth == 0:
            lines.append(f"[{node_id}]: {text}")
        else:
            lines.append(f"{'  ' * depth}{'-' if attacks else '+'} [{node_id}]: {text}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("nodes", type=int)
    parser.add_argument("-o", "--output", required=True, help="an .arg or .argdown file")
    parser.add_argument("--undercuts", action="store_true", help="an undercut premise in every third section")
    parser.add_argument("--deep", action="store_true", help="a random outline up to 30 levels deep, 90-character texts")
    args = parser.parse_args()
    argdown = args.output.endswith(".argdown")
    if args.deep:
        text = (generate_deep_argdown if argdown else generate_deep_arg)(args.nodes)
    else:
        text = (generate_argdown if argdown else generate_arg)(args.nodes, undercuts=args.undercuts)
    with open(args.output, "w", encoding="utf-8") as stream:
        stream.write(text)


if __name__ == "__main__":
    main()
