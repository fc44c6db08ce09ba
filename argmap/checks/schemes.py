"""Schemes: argument schemes and their critical questions (AM5xx).

A reason names its scheme with ``{scheme: ...}``, a premise its role with
``{role: ...}``, an objection or undercut the critical question it raises with
``{cq: ...}``; the catalogue is argmap's, extended by the user's file (see
``docs/schemes.md``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..model import Map
from ..schemes.analysis import (
    CQ_KEY,
    ROLE_KEY,
    SchemeUse,
    missing_roles,
    open_questions,
    raised_questions,
    scheme_uses,
    suggested_objection,
)
from .context import Context
from .registry import Finding, rule

_SIGN = """
conclusion: The patient has measles.
  reason: {scheme: sign}
    premise: The patient has red spots with white centres. {role: sign}
    premise: Red spots with white centres generally indicate measles. {role: indication}
    undercut: Such spots point to measles only weakly in adults. {cq: strength}
    undercut: An allergy would explain the spots better. {cq: other-events}
"""
"""Every check's fixed example: a sign reason with its roles, both questions raised;
the failing examples break it in one place each."""


def _annotated(context: Context) -> bool:
    """Whether the map names a scheme, role or question at all: if not, the checks
    end here, without reading the catalogue."""
    return context.shared_value("schemes.annotated", lambda: _names_a_scheme(context.map))


def _names_a_scheme(the_map: Map) -> bool:
    return any(r.attributes for r in the_map.relations) or any(
        node.attributes and (node.attribute(ROLE_KEY) or node.attribute(CQ_KEY)) for node in the_map.nodes
    )


def _uses(context: Context) -> dict[str, SchemeUse]:
    return context.shared_value("schemes.uses", lambda: scheme_uses(context.map, context.catalogue))


def _did_you_mean(near: list[str]) -> str:
    return f"; did you mean {' or '.join(repr(name) for name in near)}?" if near else ""


@rule(
    "AM501",
    "unknown-scheme",
    severity="warning",
    summary="A reason names a scheme the catalogue does not have.",
    hint="write the id or an alias of a scheme listed by `argmap schemes`, or add the scheme to your catalogue",
    bad=_SIGN.replace("{scheme: sign}", "{scheme: sing}"),
    good=_SIGN,
    expect=[(2, 3)],
)
def unknown_scheme(context: Context) -> Iterator[Finding]:
    """A reason's ``scheme`` is neither the id nor an alias of a scheme in the
    catalogue (argmap's, and the user's file when one is named). The message
    suggests the nearest names."""
    if not _annotated(context):
        return
    for use in _uses(context).values():
        if use.scheme is None:
            near = context.catalogue.nearest(use.written)
            yield Finding(
                use.relation.span, f"no scheme is called '{use.written}'{_did_you_mean(near)}", use.relation.premises
            )


@rule(
    "AM502",
    "missing-scheme-role",
    severity="warning",
    summary="A scheme reason lacks a premise the scheme needs.",
    hint="add the missing premise to the reason (with {role: ...}), or make it an explicit assumption",
    bad=_SIGN.replace("    premise: Red spots with white centres generally indicate measles. {role: indication}\n", ""),
    good=_SIGN,
    expect=[(2, 3)],
)
def missing_scheme_role(context: Context) -> Iterator[Finding]:
    """A reason that names a scheme should have a co-premise for each of the
    scheme's premises. When its co-premises name their roles (``{role: expert}``),
    the roles none of them names are missing; when none names a role, the reason is
    short of premises if it has fewer than the scheme has roles. A missing premise is
    often the unstated assumption an analysis should bring out."""
    if not _annotated(context):
        return
    the_map = context.map
    for use in _uses(context).values():
        if use.scheme is None:
            continue
        missing, named = missing_roles(the_map, use)
        if not missing:
            continue
        if named:
            listed = ", ".join(
                f"'{role}' ({use.scheme.premises[use.scheme.roles.index(role)].text})" for role in missing
            )
            message = f"the {use.scheme.id} reason has no premise in the role {listed}"
        else:
            message = (
                f"the {use.scheme.id} reason has {len(use.relation.premises)} premise"
                f"{'' if len(use.relation.premises) == 1 else 's'} for the scheme's "
                f"{len(use.scheme.roles)} ({', '.join(use.scheme.roles)})"
            )
        yield Finding(use.relation.span, message, use.relation.premises)


@rule(
    "AM503",
    "unknown-role",
    severity="warning",
    summary="A premise names a role its reason's scheme does not have.",
    hint="use one of the roles `argmap schemes ID` lists, or drop the role",
    bad=_SIGN.replace("{role: sign}", "{role: signal}"),
    good=_SIGN,
    expect=[(3, 5)],
)
def unknown_role(context: Context) -> Iterator[Finding]:
    """A premise's ``role`` should be one of the premise roles of the scheme of a
    reason it is a co-premise of; a role on a premise of no scheme reason is
    reported too."""
    if not _annotated(context):
        return
    the_map = context.map
    uses = _uses(context)
    for node in the_map.nodes:
        role = node.attribute(ROLE_KEY)
        if role is None:
            continue
        schemes = [uses[r.id].scheme for r in the_map.outgoing(node.id) if r.id in uses]
        known = [scheme for scheme in schemes if scheme is not None]
        if schemes and not known:
            continue  # the unknown scheme is reported by AM501
        if any(role in scheme.roles for scheme in known):
            continue
        if not known:
            message = f"'{node.id}' names the role '{role}', but it is a premise of no reason with a scheme"
        else:
            roles = [r for scheme in known for r in scheme.roles]
            near = difflib.get_close_matches(role, roles, n=1)
            message = (
                f"the {known[0].id} scheme has no role '{role}' (its roles: {', '.join(roles)}){_did_you_mean(near)}"
            )
        yield Finding(node.span, message, (node.id,))


@rule(
    "AM504",
    "unknown-critical-question",
    severity="warning",
    summary="A cq names no critical question of the scheme reason it bears on.",
    hint="name a question `argmap schemes ID` lists for the reason's scheme, and put the line under that reason",
    bad=_SIGN.replace("{cq: strength}", "{cq: strenght}"),
    good=_SIGN,
    expect=[(5, 5)],
)
def unknown_critical_question(context: Context) -> Iterator[Finding]:
    """An objection or undercut with ``{cq: ...}`` raises a critical question of a
    scheme reason: the inference it undercuts, or a reason its target is a premise or
    the conclusion of. The question is found by its id (``trustworthy``) or by scheme
    and id (``expert-opinion.trustworthy``); a ``cq`` that matches no question of
    those reasons, or that stands where no scheme reason is, is reported."""
    if not _annotated(context):
        return
    for raised in raised_questions(context.map, context.catalogue, _uses(context)):
        if raised.question is not None:
            continue
        known = [use.scheme for use in raised.candidates if use.scheme is not None]
        if not raised.candidates:
            message = (
                f"'{raised.node.id}' names the critical question '{raised.written}', but bears on no reason "
                "with a scheme"
            )
        elif not known:
            continue  # the unknown scheme is reported by AM501
        else:
            ids = [q.id for scheme in known for q in scheme.questions]
            near = difflib.get_close_matches(raised.written.rpartition(".")[2], ids, n=1)
            message = (
                f"the {known[0].id} scheme has no critical question '{raised.written}' "
                f"(its questions: {', '.join(ids)}){_did_you_mean(near)}"
            )
        yield Finding(raised.node.span, message, (raised.node.id,))


@rule(
    "AM505",
    "open-critical-question",
    severity="info",
    summary="A critical question of a scheme reason is neither raised nor answered.",
    hint="raise the question with an objection or undercut marked {cq: ID}, or answer an assumption with a "
    "co-premise marked {cq: ID}",
    bad=_SIGN.replace("    undercut: An allergy would explain the spots better. {cq: other-events}\n", ""),
    good=_SIGN,
    expect=[(2, 3)],
)
def open_critical_question(context: Context) -> Iterator[Finding]:
    """Every critical question of a scheme reason that no objection or undercut
    raises and no co-premise answers (``{cq: ID}``) is listed, at the reason's line,
    with its text as a suggested objection: an undercut for an exception, an
    objection for an assumption. These are information, the teacher's checklist: the
    questions are where good objections come from."""
    if not _annotated(context):
        return
    for use, question in open_questions(context.map, context.catalogue):
        assert use.scheme is not None, "open_questions lists the questions of known schemes only"
        yield Finding(
            use.relation.span,
            f"open critical question '{question.id}' ({question.kind}) of {use.scheme.id}: "
            f"{question.text} Suggested objection: {suggested_objection(use, question)}",
            use.relation.premises,
        )
