"""Argument schemes with critical questions: the catalogue, and how a map uses it.

A reason names the scheme it instantiates (``{scheme: expert-opinion}``), a premise the
role it fills (``{role: expert}``), and an objection or undercut the critical question
it raises (``{cq: trustworthy}``). See ``docs/language.md`` and ``docs/evaluation.md``.
"""

from .catalogue import *  # noqa: F403 - the package's API is the catalogue's
from .catalogue import __all__  # noqa: F401
