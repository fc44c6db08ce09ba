"""English words for the text checks: a stop list, a tiny stemmer and the key
terms of a statement. Deliberately small and conservative: the checks that use it
are hints, and a missed hint costs less than a silly one.

A key term (the stem of a content word, cut to six letters) counts as present in
another text when a word of that text starts with it: ``normal`` is in
"normalization", ``ban`` in "bans". That is quick (no set per text) and errs on the
side of finding a term, which keeps the checks quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_WORD_RE = re.compile(r"[^\W\d_]+")

STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although always
    am among amongst an and another any anybody anyone anything anyway anywhere are aren around as at away
    back be became because become becomes becoming been before beforehand behind being below beside besides
    best better between beyond both but by can cannot could couldn did didn do does doesn doing done don down
    due during each either else elsewhere enough even ever every everybody everyone everything everywhere
    except few first for former formerly from further get gets getting give given gives giving go goes going
    gone got had hadn has hasn have haven having he hence her here hereby herein hers herself him himself his
    how however if in indeed instead into is isn it its itself just keep keeps kept kind last later latter
    least less let lets like likely made make makes making many may maybe me meanwhile might mine more
    moreover most mostly much must my myself namely neither never nevertheless new next no nobody none
    nor not nothing now nowhere of off often on once one ones only onto or other others otherwise our ours
    ourselves out over own part per perhaps put quite rather really same say says said see seem seemed
    seeming seems several shall she should shouldn show shows shown since so some somebody someone
    something sometime sometimes somewhat somewhere still such take taken takes than that the their theirs
    them themselves then thence there thereafter thereby therefore therein thereupon these they thing
    things this those though through throughout thus to together too toward towards under unless until up
    upon us use used uses using very via was wasn way ways we well were weren what whatever when whence
    whenever where whereas whereby wherever whether which while who whoever whole whom whose why will with
    within without won would wouldn yet you your yours yourself yourselves
    able actually already certain certainly clear clearly fact good great high indeed large long
    mean means meant need needs needed real simply small true truly want wants whole
    """.split()  # noqa: SIM905 (a list of words reads better as text)
)
"""Function words and words too general to be a key term of a claim."""


IRREGULAR = {
    "knew": "know",
    "known": "know",
    "knowledge": "know",
    "thought": "think",
    "brought": "bring",
    "bought": "buy",
    "taught": "teach",
    "caught": "catch",
    "sought": "seek",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "chose": "choose",
    "chosen": "choose",
    "began": "begin",
    "begun": "begin",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "paid": "pay",
    "held": "hold",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "felt": "feel",
    "built": "build",
    "sent": "send",
    "spent": "spend",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "drove": "drive",
    "driven": "drive",
    "rose": "rise",
    "risen": "rise",
    "children": "child",
    "people": "person",
    "women": "woman",
    "men": "man",
    "lives": "life",
    "better": "good",
    "worse": "bad",
    "worst": "bad",
    "has": "have",
    "had": "have",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "am": "be",
    "been": "be",
}
"""Irregular forms, mapped to the word they are a form of (before stemming)."""


_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_SPLIT = bytes.maketrans(_ASCII_NON_LETTERS, b" " * len(_ASCII_NON_LETTERS))
_ASCII_SPACES = _ASCII_SPLIT


def words(text: str) -> list[str]:
    """The words of *text*, lower-cased; anything but a letter separates words
    (so apostrophes and hyphens split them).

    >>> words("Vucic's anti-armor units, 2023!")
    ['vucic', 's', 'anti', 'armor', 'units']
    """
    lower = text.lower()
    if lower.isascii():
        # three times quicker than the regular expression, for the usual case
        return lower.encode().translate(_ASCII_SPLIT).decode().split()
    return _WORD_RE.findall(lower)


def stem(word: str) -> str:
    """A crude English stem: plural ``-s``/``-es``/``-ies``, ``-ed``, ``-ing`` and a
    final ``-e`` are stripped, a doubled final consonant is undoubled.

    >>> [stem(w) for w in ("studies", "boxes", "rights", "armed", "stopping", "decides", "glass")]
    ['study', 'box', 'right', 'arm', 'stop', 'decid', 'glass']
    """
    word = _singular(IRREGULAR.get(word, word))
    for suffix in ("ing", "ed"):
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def _singular(word: str) -> str:
    """*word* without a plural ``-s``, ``-es`` or ``-ies`` (``-ies`` becomes ``-y``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


STEM_LENGTH = 6
"""Stems are cut to this many letters, so that ``normalize`` and ``normalization``,
``govern`` and ``governance`` count as one term."""

_CACHE_LIMIT = 200_000
"""Words the caches below hold at most: when one is full, it starts afresh."""


class _StemCache(dict):
    """:func:`stem` of each word met so far (a map repeats its words)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        found = self[word] = stem(word)
        return found


_stem_of = _StemCache()

_key_probe_of: dict[str, str] = {}
"""For each word met so far, ``" " + term`` if it is a key word, else ``""``."""


def _learn(found: list[str]) -> None:
    if len(_key_probe_of) >= _CACHE_LIMIT:
        _key_probe_of.clear()
    for word in found:
        if word not in _key_probe_of:
            is_key = len(word) >= 4 and word not in STOP_WORDS
            _key_probe_of[word] = " " + stem(word)[:STEM_LENGTH] if is_key else ""


def stems(found: Iterable[str]) -> frozenset[str]:
    """The :func:`stem` of each of the *found* words, as a set.

    >>> sorted(stems(["birds", "bird", "flying"]))
    ['bird', 'fly']
    """
    return frozenset(map(_stem_of.__getitem__, found))


def key_terms(text: str) -> tuple[str, ...]:
    """The key terms of *text*, in the order of the text: the stems (cut short) of
    its content words of four letters or more that are not stop words.

    >>> key_terms("Vucic does not intend to normalize relations with Vucic's rivals.")
    ('vucic', 'intend', 'normal', 'relati', 'rival')
    """
    return tuple(probe[1:] for probe in probes(text))


def probes(text: str) -> tuple[str, ...]:
    """``" " + term`` for each key term of *text*, to look for in :func:`plain` text."""
    return plain_probes(plain(text))


def plain_probes(plain_text: str) -> tuple[str, ...]:
    """:func:`probes` of a text given in :func:`plain` form (whose words are those
    of the text), for a caller that has that form already.

    >>> plain_probes(plain("Vucic's rivals."))
    (' vucic', ' rival')
    """
    found = plain_text.split()
    try:
        probes = dict.fromkeys(map(_key_probe_of.__getitem__, found))
    except KeyError:  # a word met for the first time
        _learn(found)
        probes = dict.fromkeys(map(_key_probe_of.__getitem__, found))
    probes.pop("", None)  # the mark of the words that are no key words
    return tuple(probes)


def plain_shares_term(plain_text: str, other: str) -> bool:
    """Whether a key term of a text starts a word of *other*, both given in
    :func:`plain` form: ``any(probe in other for probe in plain_probes(plain_text))``,
    but it stops at the first term found, without listing the terms.

    >>> plain_shares_term(plain("Socrates is a human."), plain("All humans are mortal."))
    True
    >>> plain_shares_term(plain("Athens is a city."), plain("All humans are mortal."))
    False
    """
    found = plain_text.split()
    try:
        return any(map(other.__contains__, filter(None, map(_key_probe_of.__getitem__, found))))
    except KeyError:  # a word met for the first time
        _learn(found)
        return any(map(other.__contains__, filter(None, map(_key_probe_of.__getitem__, found))))


_NON_LETTERS_RE = re.compile(r"[\W\d_]+")


def plain(text: str) -> str:
    """*text* lower-cased with non-letters made spaces, and a space at each end:
    ``" " + term in plain(text)`` tells whether a word of the text starts with the
    term.

    >>> plain("Vucic's anti-armor.")
    ' vucic s anti armor  '
    >>> " normal" in plain("the normalization of relations")
    True
    """
    lower = text.lower()
    if lower.isascii():
        return " " + lower.encode().translate(_ASCII_SPACES).decode() + " "
    return " " + _NON_LETTERS_RE.sub(" ", lower) + " "


_ASCII_NON_LETTERS_BUT_NUL = _ASCII_NON_LETTERS.replace(b"\0", b"")
_ASCII_SPACES_BUT_NUL = bytes.maketrans(_ASCII_NON_LETTERS_BUT_NUL, b" " * len(_ASCII_NON_LETTERS_BUT_NUL))


def plain_all(texts: Sequence[str]) -> list[str]:
    """:func:`plain` of each of *texts*: all in one go when they are ASCII (several
    times quicker), one by one otherwise.

    >>> plain_all(["Vucic's anti-armor.", "So?"]) == [plain("Vucic's anti-armor."), plain("So?")]
    True
    """
    joined = " \0 ".join(texts)
    if joined.isascii():
        spaced = " " + joined.lower().encode().translate(_ASCII_SPACES_BUT_NUL).decode() + " "
        parts = spaced.split("\0")
        if len(parts) == len(texts):  # else a text holds a NUL of its own
            return parts
    return [plain(text) for text in texts]


SHORT_TERM_LENGTH = 2
"""Content words from this length up to three letters: short, but they carry
meaning too ("bad", "tax", "bus")."""


def short_probes(text: str) -> tuple[str, ...]:
    """``" " + word`` for each content word of two or three letters of *text*
    (not stop words), to look for in :func:`plain` text like :func:`probes`.

    >>> short_probes("Sugar is bad for you, and so is the tax.")
    (' bad', ' tax')
    """
    found = words(text)
    return tuple(
        dict.fromkeys(" " + word for word in found if SHORT_TERM_LENGTH <= len(word) < 4 and word not in STOP_WORDS)
    )


def key_words(text: str) -> dict[str, str]:
    """The key terms of *text* with the first word that gave each, in the order of
    the text (for messages).

    >>> key_words("Vucic does not intend to normalize relations.")
    {'vucic': 'vucic', 'intend': 'intend', 'normal': 'normalize', 'relati': 'relations'}
    """
    found = words(text)
    _learn(found)
    keys: dict[str, str] = {}
    for word in found:
        probe = _key_probe_of[word]
        if probe:
            keys.setdefault(probe[1:], word)
    return keys


_REASON_FIRST_RE = re.compile(
    r"^\s*(?:because|since|given\s+that|as)\s+(?!of\b)(?P<reason>[^,;]+)[,;]\s*(?P<claim>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_CLAIM_FIRST_RE = re.compile(
    r"^(?P<claim>.*?\w[\"'\u2019)]*)(?:\s*,\s*|\s+)(?:because|since|given\s+that)\s+(?!of\b)(?P<reason>\w.*)$"
    r"|^(?P<claim2>.*?\w[\"'\u2019)]*)\s*[,;]\s*as\s+(?P<reason2>\w.*)$",
    re.IGNORECASE | re.DOTALL,
)
_INFERENCE_RE = re.compile(
    r"^(?P<reason>.*?\w[\"'\u2019)]*)(?:\s*[,;:.]\s*(?:and\s+)?|\s+(?:and\s+)?)(?:therefore|hence|thus|consequently)\b"
    r"\s*,?\s*(?P<claim>\w.*)$"
    r"|^(?P<reason2>.*?\w[\"'\u2019)]*)\s*[,;]\s*(?:and\s+)?so\s+(?!that\b|far\b|much\b|many\b|long\b|on\b|to\b|too\b)"
    r"(?P<claim2>\w.*)$",
    re.IGNORECASE | re.DOTALL,
)


def split_reasoning(text: str) -> tuple[str, str, str] | None:
    """``(claim, reason, connective)`` when a connective (because, since, as,
    given that; so, therefore, hence, thus) joins two clauses of *text*, else
    ``None``. ``because of`` and ``so that`` join no clauses.

    >>> split_reasoning("Phones distract pupils, since one ping breaks focus.")
    ('Phones distract pupils', 'one ping breaks focus.', 'since')
    >>> split_reasoning("The bus is late, so we walk.")
    ('we walk.', 'The bus is late', 'so')
    >>> split_reasoning("People die because of hunger.") is None
    True
    """
    for pattern in (_REASON_FIRST_RE, _CLAIM_FIRST_RE, _INFERENCE_RE):
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        claim = parts.get("claim") or parts.get("claim2")
        reason = parts.get("reason") or parts.get("reason2")
        if not claim or not reason:
            continue
        leading = [match.end(name) for name, value in parts.items() if value is not None and match.start(name) == 0]
        connective = _CONNECTIVE_WORD_RE.search(text, min(leading, default=0))
        return claim.strip(), reason.strip(), " ".join(connective.group(0).lower().split()) if connective else ""
    return None


_CONNECTIVE_WORD_RE = re.compile(
    r"\b(?:because|since|given\s+that|as|therefore|hence|thus|consequently|so)\b", re.IGNORECASE
)
