"""Schemes in the seminar toolkit: skeleton --cq prompts, compare's wrong-scheme."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.schemes import builtin_catalogue
from argmap.teaching.compare import compare
from argmap.teaching.rubric import DEFAULT_RUBRIC

MODEL = """\
conclusion safe: Coffee in moderation is safe for adults.
  reason: {scheme: expert-opinion}
    premise expert: Dr Ruiz is a nutrition scientist. {role: expert}
    premise says: Dr Ruiz says that moderate coffee drinking is safe. {role: assertion}
    undercut paid: Dr Ruiz is paid by a coffee chain. {cq: trustworthy}
  premise tea: Coffee is like tea, which is safe in moderation. {scheme: analogy}
"""


def test_skeleton_cq_prints_every_question_under_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "model.arg"
    path.write_text(MODEL, encoding="utf-8")
    result = CliRunner().invoke(main, ["skeleton", str(path), "--cq"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for scheme_id in ("expert-opinion", "analogy"):
        scheme = builtin_catalogue().find(scheme_id)
        at = next(i for i, line in enumerate(lines) if line.strip().startswith("reason:") and scheme_id in line)
        prompts = lines[at + 1 : at + 1 + len(scheme.questions)]
        assert [p.strip() for p in prompts] == [
            f"// critical question {q.id} ({q.kind}): {q.text}" for q in scheme.questions
        ]
        assert all(p.startswith(lines[at][: len(lines[at]) - len(lines[at].lstrip())] + "  ") for p in prompts)
    handout = argmap.parse(result.output)
    assert sorted(r.attribute("scheme") for r in handout.relations if r.attributes) == ["analogy", "expert-opinion"]
    assert not any(node.attribute("cq") or node.attribute("role") for node in handout.nodes)


def test_skeleton_without_cq_gives_no_scheme_away(tmp_path: Path) -> None:
    path = tmp_path / "model.arg"
    path.write_text(MODEL, encoding="utf-8")
    result = CliRunner().invoke(main, ["skeleton", str(path)])
    assert "scheme" not in result.output and "critical question" not in result.output


def kinds(student: str) -> list[str]:
    return [m.kind for m in compare(argmap.parse(student), argmap.parse(MODEL)).mistakes]


def test_the_right_schemes_are_no_mistake() -> None:
    assert kinds(MODEL) == []
    assert kinds(MODEL.replace("{scheme: expert-opinion}", "{scheme: Expert testimony}")) == []


def test_a_wrong_or_missing_scheme_is_a_mistake_with_points() -> None:
    wrong = MODEL.replace("{scheme: analogy}", "{scheme: example}")
    comparison = compare(argmap.parse(wrong), argmap.parse(MODEL))
    [mistake] = comparison.mistakes
    assert mistake.kind == "wrong-scheme" and mistake.points == DEFAULT_RUBRIC.weight("wrong-scheme") > 0
    assert "'example'" in mistake.message and "'analogy'" in mistake.message
    assert mistake.line == 6
    missing = MODEL.replace("reason: {scheme: expert-opinion}", "reason:")
    assert kinds(missing) == ["wrong-scheme"]
    assert kinds(missing.replace(" {scheme: analogy}", "")) == ["wrong-scheme", "wrong-scheme"]
    assert comparison.score < 100


def test_a_map_with_a_box_in_two_reasons_against_one_target_matches_itself():
    """A box that attacks one target alone (naming a scheme) and together with two
    others: compared with itself, the map has no wrong-scheme, as each reason is
    paired with the reason of just its premises (found by hypothesis)."""
    from argmap.model import Map, Node, Relation

    texts = {
        "g": "The plan goes ahead.",
        "a0": "The budget allows it.",
        "b": "The auditor says it is short.",
        "c": "Prices rose this year.",
        "d": "The grant was cut.",
        "a": "The council voted for it.",
    }
    kinds = {"g": "conclusion", "a0": "premise", "b": "objection", "c": "objection", "d": "objection", "a": "premise"}
    relations = [
        Relation("support:a0->g", "support", ("a0",), "g"),
        Relation("attack:b+c+d->a0", "attack", ("b", "c", "d"), "a0"),
        Relation("support:a->g", "support", ("a",), "g"),
        Relation("attack:b->a0", "attack", ("b",), "a0", attributes=(("scheme", "expert-opinion"),)),
    ]
    the_map = Map(nodes=[Node(i, kinds[i], t) for i, t in texts.items()], relations=relations)
    assert [m.kind for m in compare(the_map, the_map).mistakes] == []
