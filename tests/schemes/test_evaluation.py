"""Critical questions in evaluation: the worked example of docs/evaluation.md, and
each rule on a small map with its labels worked out by hand."""

from __future__ import annotations

from pathlib import Path

import argmap
from argmap.evaluation import evaluate, translate
from tests.evaluate.transcripts import assert_transcripts

REASON = """\
conclusion safe: Coffee is safe.
  reason: {scheme: expert-opinion}
    premise expert: Dr Ruiz is a nutrition scientist. {role: expert}
    premise domain: Coffee's safety is a question of nutrition. {role: domain}
    premise says: Dr Ruiz says coffee is safe. {role: assertion}
"""


def labels(text: str, **assume: str) -> dict[str, str]:
    return evaluate(argmap.parse(text), assume=assume).labels


def test_no_question_raised_changes_nothing() -> None:
    assert labels(REASON)["safe"] == "in"


def test_an_exception_raised_by_an_objection_to_a_premise_undercuts() -> None:
    moved = REASON.replace(
        "    premise domain:",
        "      objection biased: Dr Ruiz is paid by a coffee chain. {cq: trustworthy}\n    premise domain:",
    )
    result = labels(moved)
    assert result["biased"] == "in" and result["expert"] == "out" and result["safe"] == "out"
    # Undercut the objection's attack on 'expert': the premise is in again, yet the
    # exception the objection raises still undercuts the reason; without the cq,
    # the reason stands.
    cut = moved.replace(
        "{cq: trustworthy}\n",
        "{cq: trustworthy}\n        undercut: Being paid does not make Ruiz less of a scientist.\n",
    )
    result = labels(cut)
    assert result["expert"] == "in" and result["biased"] == "in" and result["safe"] == "out"
    assert labels(cut.replace(" {cq: trustworthy}", ""))["safe"] == "in"
    assert labels(moved, biased="rejected")["safe"] == "in"


def test_an_unanswered_assumption_is_an_implicit_co_premise() -> None:
    text = REASON + "  objection nostudy: Dr Ruiz cites no study. {cq: evidence, verdict: undecided}\n"
    the_map = argmap.parse(text)
    translation = translate(the_map)
    assert translation.implicit == {"assumption-evidence"}
    assert "assumption-evidence" in translation.framework.arguments
    result = evaluate(the_map)
    assert "assumption-evidence" not in result.labels and "assumption-evidence" not in result.explanations
    assert result.labels["safe"] == "undecided"  # the raiser is undecided, so is the assumption


def test_an_answered_assumption_is_attacked_where_it_is_answered() -> None:
    text = REASON.replace(
        "    premise says:", "    premise cited: Dr Ruiz cites three studies. {cq: evidence}\n    premise says:"
    ) + ("    undercut nostudy: The studies are not about coffee. {cq: evidence}\n")
    result = evaluate(argmap.parse(text))
    assert result.labels["cited"] == "out" and result.labels["safe"] == "out"
    assert translate(argmap.parse(text)).implicit == frozenset()


def test_the_worked_example_in_the_docs_is_what_eval_prints(tmp_path: Path) -> None:
    assert_transcripts("conclusion safe: Coffee in moderation", "coffee.arg", tmp_path)
