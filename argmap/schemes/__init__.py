"""Argument schemes with critical questions: the catalogue, and how a map uses it.

A reason names the scheme it instantiates (``{scheme: expert-opinion}``), a premise the
role it fills (``{role: expert}``), and an objection or undercut the critical question
it raises (``{cq: trustworthy}``). See ``docs/language.md`` and ``docs/evaluation.md``.
"""

from .catalogue import (
    QUESTION_KINDS,
    Catalogue,
    CriticalQuestion,
    PremiseRole,
    Scheme,
    SchemeCatalogueError,
    builtin_catalogue,
    load_catalogue,
    read_catalogue,
)

__all__ = [
    "QUESTION_KINDS",
    "Catalogue",
    "CriticalQuestion",
    "PremiseRole",
    "Scheme",
    "SchemeCatalogueError",
    "builtin_catalogue",
    "load_catalogue",
    "read_catalogue",
]
