"""What a scheme id, a premise role or a critical question id written in a map means,
for an editor's hover: ``{scheme: expert-opinion}``, ``{role: expert}``,
``{cq: trustworthy}`` (or ``{cq: expert-opinion.trustworthy}``)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..schemes.catalogue import Catalogue

SCHEME_KEYS = ("scheme", "role", "cq")
_WORD_RE = re.compile(r"[\w.\-]+")


class SchemeWord(NamedTuple):
    """A value of a scheme attribute under the cursor: its key, the word, and where
    it stands on its line (0-based columns, end exclusive)."""

    key: str
    word: str
    start: int
    end: int


def scheme_word_at(line: str, column: int) -> SchemeWord | None:
    """The value of a ``scheme``, ``role`` or ``cq`` attribute at 0-based *column*
    of *line*, if the cursor is on one."""
    for block in re.finditer(r"(?:^|(?<=\s))\{([^{}]*)\}", line):
        if not block.start(1) <= column <= block.end(1):
            continue
        offset = block.start(1)
        for pair in re.finditer(r"[^,]+", block.group(1)):
            key, colon, value = pair.group(0).partition(":")
            if not colon or key.strip() not in SCHEME_KEYS:
                continue
            value_start = offset + pair.start() + len(key) + 1
            for word in _WORD_RE.finditer(value):
                start, end = value_start + word.start(), value_start + word.end()
                if start <= column <= end:
                    return SchemeWord(key.strip(), word.group(0), start, end)
    return None


def describe(found: SchemeWord, catalogue: Catalogue) -> str | None:
    """Markdown that says what *found* means in *catalogue*; None for a word the
    catalogue does not know (the checks report it)."""
    if found.key == "scheme":
        return _describe_scheme(found.word, catalogue)
    if found.key == "role":
        return _describe_role(found.word, catalogue)
    return _describe_question(found.word, catalogue)


def _describe_scheme(word: str, catalogue: Catalogue) -> str | None:
    scheme = catalogue.find(word)
    if scheme is None:
        return None
    roles = "\n".join(f"- `{premise.role}`: {premise.text}" for premise in scheme.premises)
    questions = "\n".join(f"- `{q.id}` ({q.kind}): {q.text}" for q in scheme.questions)
    return (
        f"**{scheme.name}** `{scheme.id}`\n\npremises:\n{roles}\n\nconclusion: {scheme.conclusion}"
        f"\n\ncritical questions:\n{questions}\n\nsource: {scheme.source}"
    )


def _describe_role(word: str, catalogue: Catalogue) -> str | None:
    uses = [(scheme, premise) for scheme in catalogue.schemes for premise in scheme.premises if premise.role == word]
    if not uses:
        return None
    lines = "\n".join(f"- {scheme.name} (`{scheme.id}`): {premise.text}" for scheme, premise in uses)
    return f"premise role `{word}`\n\n{lines}"


def _describe_question(word: str, catalogue: Catalogue) -> str | None:
    scheme_part, dot, question_id = word.rpartition(".")
    schemes = [catalogue.find(scheme_part)] if dot else list(catalogue.schemes)
    uses = [
        (scheme, question)
        for scheme in schemes
        if scheme is not None
        for question in [scheme.question(question_id)]
        if question is not None
    ]
    if not uses:
        return None
    lines = "\n".join(f"- {scheme.name} (`{scheme.id}`), {question.kind}: {question.text}" for scheme, question in uses)
    return f"critical question `{question_id}`\n\n{lines}"
