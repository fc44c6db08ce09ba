"""The attributes and data keys through which Argdown facts without an argmap
counterpart travel, in one place so that reader and writer agree.

On nodes (read from Argdown, written back to it):

- ``argdown-title``: the statement's title, when it is not the node id;
- ``argdown-argument``: the node is an Argdown argument without premise–conclusion
  structure, and this is its title;
- ``argdown-text-2``, ``-3``...: further formulations of an equivalence class;
- ``argdown-section``: the heading the statement stands under.

A reconstructed argument becomes a linked reason, which has no attributes of its own;
its facts are kept on the reason's *holder* (:func:`holder_of`), keyed by the reason id:
``argdown-argument-<id>`` (title, if not the id), ``argdown-gist-<id>``,
``argdown-tags-<id>``, ``argdown-data-<id>``, ``argdown-inference-<id>`` (the rules of
its last inference; ``argdown-inference-<id>-<n>`` for the n-th of several).

In Argdown data blocks argmap writes what Argdown has no syntax for: ``argmap-text``
(a text of several paragraphs), ``argmap-kind`` (a node kind the reader would not
derive), and ``argmap: anonymous`` on an argument (the reason had no id), ``argmap:
attack`` or ``argmap: undercut`` on the stand-in conclusion of a reason that attacks.
"""

from __future__ import annotations

import re

from ..model import Map, Relation

TITLE = "argdown-title"
ARGUMENT = "argdown-argument"
TEXT = "argdown-text"
SECTION = "argdown-section"
DATA_TEXT = "argmap-text"
DATA_KIND = "argmap-kind"
DATA_MARK = "argmap"
ANONYMOUS = "anonymous"
_NOT_KEY_CHARS = re.compile(r"[^\w-]+")


def reason_key(prefix: str, relation_id: str, step: int | None = None) -> str:
    """``argdown-gist-<id>``: the attribute that holds a fact of the reason *relation_id*.

    >>> reason_key("argdown-gist", "Core-Argument"), reason_key("argdown-inference", "a.b", 2)
    ('argdown-gist-Core-Argument', 'argdown-inference-a-b-2')
    """
    key = prefix + "-" + _NOT_KEY_CHARS.sub("-", relation_id).strip("-")
    return key if step is None else f"{key}-{step}"


def holder_id(premises: tuple[str, ...], target: str, node_ids) -> str:
    """The node that holds a reason's Argdown facts: its target, if that is a node,
    else its first premise."""
    return target if target in node_ids else premises[0]


def holder_of(map: Map, relation: Relation) -> str:
    """:func:`holder_id` for a relation of *map*."""
    return relation.target if map.has_node(relation.target) else relation.premises[0]
