"""Box hygiene: what the text of one box says and how (AM3xx).

One box, one statement: a box holds a single declarative sentence that can be
understood on its own. The checks that read words know English only and say so;
on a map in another language (its ``language:`` header) they are silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import Context
from .registry import Finding, rule
from .words import split_reasoning

UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
"""Languages written without spaces between words: a one-word box is normal there."""

QUESTION_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
"""Languages whose questions end in ``?`` (in Greek, ``;`` ends a question)."""

_WORDISH_RE = re.compile(r"[^\W_]")
"""A letter or digit (a character for which ``str.isalnum`` holds)."""


@rule(
    "AM301",
    "empty-text",
    severity="warning",
    summary="A box has no words, or only one.",
    hint="write the whole statement as a sentence",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Tourists.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
    """,
    expect=[(2, 3)],
)
def empty_text(context: Context) -> Iterator[Finding]:
    """A box whose text has no letter or digit (`premise: ...`), or a single word
    (`premise: Tourists.`), states nothing that can be true or false. The one-word
    rule is silent for languages written without spaces (Chinese, Japanese, Thai,
    Lao, Khmer, Burmese, Tibetan)."""
    one_word = context.language not in UNSPACED_LANGUAGES
    for node in context.map.nodes:
        text = node.text
        if not (text[:1].isalnum() or _WORDISH_RE.search(text)):  # most texts start with a word
            yield Finding(node.span, "the text has no words", (node.id,))
        elif one_word and " " not in text and "\n" not in text:
            yield Finding(node.span, f"the text is a single word: '{text}'", (node.id,))


_REASONING_RE = re.compile(
    r"\S\s+because\s+(?!of\b)\w"
    r"|^because\s+(?!of\b)[^,]+,\s*\w"
    r"|\w[\"'\u2019)]*(?:[,;:.]\s*(?:and\s+)?|\s+(?:and|so)\s+)(?:therefore|hence|thus|consequently)\b"
    r"|\w[\"'\u2019)]*[,;]\s+(?:and\s+)?so\s+(?!that\b|far\b|much\b|many\b|long\b|on\b|to\b|too\b)\w",
    re.IGNORECASE,
)


@rule(
    "AM302",
    "reasoning-in-box",
    severity="warning",
    summary="One box holds a claim and its reason ('because', 'therefore', 'so').",
    hint="split it: put the claim in one box and the reason in a premise under it",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: The museum would sell more tickets if open on Mondays, because tourists come on Mondays.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: The museum would sell more tickets if it opened on Mondays.
            premise: Many tourists are in town on Mondays and look for a museum to visit.
    """,
    expect=[(2, 3)],
    languages=["en"],
)
def reasoning_in_box(context: Context) -> Iterator[Finding]:
    """`because`, `therefore`, `hence`, `thus`, `consequently` or `so` joining two
    clauses means that the box argues by itself: the map should show the step as
    a premise under a claim. `because of` and `so that` are left alone, and so is
    a causal `because` that explains what happens rather than argues for a claim
    ("people die because they have no food"): neither side of it has a modal
    verb (should, must, would, can...). Evidence boxes (quotes) are not checked.
    English only."""
    for node in context.map.nodes:
        if node.kind == "evidence":
            continue
        lower = node.text.lower()
        if not (
            "because" in lower
            or "so " in lower
            or "therefore" in lower
            or "thus" in lower
            or "hence" in lower
            or "consequently" in lower
        ):
            continue
        match = _REASONING_RE.search(node.text)
        if match:
            connective = _CONNECTIVE_RE.findall(match.group(0).lower())[-1]
            if connective == "because" and _explains(node.text):
                continue
            before = node.text[: match.end()].lower()
            nth = len(re.findall(rf"\b{connective}\b", before)) - 1  # which of its kind, to underline it
            yield Finding(
                node.span, f"'{connective}' joins a claim and a reason in one box", (node.id,), focus=(connective, nth)
            )


_CONNECTIVE_RE = re.compile(r"\b(?:because|therefore|hence|thus|consequently|so)\b")

_MODAL_RE = re.compile(
    r"\b(?:should|must|ought|would|will|could|can|cannot|can't|won't|shall|may|might|need|needs)\b", re.IGNORECASE
)


def _explains(text: str) -> bool:
    """Whether a 'because' in *text* gives a cause within one statement rather
    than a reason for a claim: neither the claim nor the reason has a modal verb
    (a claim argued for says what should, must, would or can be)."""
    parts = split_reasoning(text)
    return parts is not None and not _MODAL_RE.search(parts[0] + " " + parts[1])


@rule(
    "AM303",
    "question",
    severity="warning",
    summary="A box asks a question instead of making a claim.",
    hint="write the answer you argue for as a statement; keep the question for the map's 'title:'",
    bad="""
        conclusion: Should the city ban cars from the old town?
          premise: Traffic in the old town harms the health of residents.
    """,
    good="""
        title: Should the city ban cars from the old town?

        conclusion: The city should ban cars from the old town.
          premise: Traffic in the old town harms the health of residents.
    """,
    expect=[(1, 1)],
    languages=QUESTION_LANGUAGES,
)
def question(context: Context) -> Iterator[Finding]:
    """Only a statement can be supported or attacked; a question (text ending in
    `?`) cannot be true or false. Rhetorical questions hide a claim: write the
    claim. Evidence boxes (quotes) are not checked."""
    for node in context.map.nodes:
        text = node.text
        if "?" in text and node.kind != "evidence" and text.rstrip("\"'\u201d\u2019)» ").endswith("?"):
            yield Finding(node.span, "the text is a question", (node.id,))


_SENTENCE_END_RE = re.compile(r"(?<=[^\s.!?])(?P<mark>[.!?]+)[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt vs etc e.g i.e eg ie cf al fig no nos vol ch sect para p pp ed eds "  # noqa: SIM905
    "inc ltd co corp dept gen col lt sgt rev hon gov sen rep jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.u".split()
)


@rule(
    "AM304",
    "several-sentences",
    severity="info",
    summary="A box holds more than one sentence.",
    hint="one box, one statement: split the sentences into boxes of their own, related as they should be",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays. Most stay one day only.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
            premise: Most tourists who come on a Monday are in town for one day only.
    """,
    expect=[(2, 3)],
    languages=["en"],
)
def several_sentences(context: Context) -> Iterator[Finding]:
    """Two sentences in one box are usually two statements, and each needs its own
    place in the map. A full stop after a common abbreviation (`Dr.`, `e.g.`,
    `U.S.`) or an initial (`J. Smith`) does not end a sentence; a new paragraph in
    a long text does. Evidence boxes (quotes) are not checked. English only."""
    for node in context.map.nodes:
        if node.kind == "evidence":
            continue
        text = node.text
        if "\n" in text:
            yield Finding(node.span, "the text has several paragraphs", (node.id,))
            continue
        ends = text.count(".") + text.count("!") + text.count("?")
        if not ends or (ends == 1 and text[-1] in ".!?"):
            continue  # at most one full stop, and it closes the text
        for match in _SENTENCE_END_RE.finditer(text):
            if match.group("mark") == "." and _is_abbreviation(text, match.start()):
                continue
            yield Finding(node.span, "the text has more than one sentence", (node.id,))
            break


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:dot].lstrip("(\"'\u201c\u2018").lower()
    return len(word) == 1 or word in _ABBREVIATIONS


_VAGUE_START_RE = re.compile(
    r"(?:this|that)(?:\s+(?:is|was|will|would|can|could|should|shows?|showed|means?|meant|proves?|proved|"
    r"suggests?|implies|implied|makes?|made|leads?|led|has|had|does|did|must|may|might|helps?|causes?|caused|"
    r"explains?|confirms?|demonstrates?|indicates?|happens?|happened|seems?|matters?|works?|isn't|wasn't|"
    r"won't|doesn't|didn't|cannot|can't)\b|\s*[,.;:!?]|\s*$)",
    re.IGNORECASE,
)


@rule(
    "AM305",
    "vague-reference",
    severity="info",
    summary="A box starts with a bare 'this' or 'that'.",
    hint="say what 'this' is: each box should be understood without the boxes around it",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: This would bring many more visitors to the museum.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Opening on Mondays would bring many more visitors to the museum.
    """,
    expect=[(2, 3)],
    languages=["en"],
)
def vague_reference(context: Context) -> Iterator[Finding]:
    """A box that begins `This shows…` or `That is…` points at something outside
    itself; moved or read alone it means nothing. `This policy` or `That smoking
    kills` name their subject and are left alone, and so is `It is wrong to lie`,
    whose `it` points at nothing. English only."""
    for node in context.map.nodes:
        # a quick look at the first letters spares most texts the expression
        match = node.text[:2].lower() == "th" and _VAGUE_START_RE.match(node.text)
        if match:
            word = node.text.split(None, 1)[0].strip(",.;:!?")
            yield Finding(node.span, f"the text starts with a bare '{word}'", (node.id,))
