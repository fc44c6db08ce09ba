"""Generate equivalent argument maps of any size, as .arg (and .argdown) text.

The same statements and relations at every size: a conclusion, then a balanced tree
of claims, each with premises, a linked reason, an objection and a rebuttal, and
now and then an undercut, a reference and evidence. Texts are ordinary sentences.
"""

from __future__ import annotations

import argparse
import random

WORDS = (
    "policy city school tax market health traffic energy water trade law court police "
    "science data study vote council budget price risk rule right duty harm benefit cost "
    "growth climate border treaty reform union farm coal wind solar train road bridge"
).split()


def sentence(rng: random.Random, index: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return f"Statement {index}: the {' '.join(words)} matters here."


def generate_arg(nodes: int, seed: int = 1) -> str:
    """An .arg map with about *nodes* nodes: a conclusion, then one section per claim
    (an elaboration at the left margin) giving its reasons, objections and sub-claims."""
    rng = random.Random(seed)
    lines = ["title: Generated map", "author: bench/generate.py", "", f"conclusion c0: {sentence(rng, 0)}"]
    count = 1
    pending = ["c0"]
    while count < nodes and pending:
        claim = pending.pop(0)
        if claim != "c0":
            lines.extend(["", f"@{claim}"])
        lines.append("  reason:")
        for _ in range(2):
            lines.append(f"    premise n{count}: {sentence(rng, count)} #gen")
            count += 1
        lines.append(f"  objection n{count}: {sentence(rng, count)}")
        count += 1
        lines.append(f"    rebuttal n{count}: {sentence(rng, count)} {{source: para {count % 40}}}")
        count += 1
        if count % 3 == 0:
            lines.append(f"  premise n{count}: {sentence(rng, count)}")
            lines.append(f"    undercut n{count + 1}: {sentence(rng, count + 1)}")
            lines.append(f"    evidence n{count + 2}: {sentence(rng, count + 2)}")
            count += 3
        for _ in range(2):
            lines.append(f"  claim n{count}: {sentence(rng, count)}")
            pending.append(f"n{count}")
            count += 1
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("nodes", type=int)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as stream:
        stream.write(generate_arg(args.nodes))


if __name__ == "__main__":
    main()
