"""The errors of the renderer."""

from __future__ import annotations

from ..errors import ArgmapError


class RenderError(ArgmapError):
    """A map could not be drawn: the layout engine failed, a format cannot be made
    with what is installed, or the output would not be safe. The message says what
    went wrong and, where there is one, the fix."""

    code = "AM005"
    label = "render"


class RenderOptionError(RenderError, ValueError):
    """A rendering option has a value the renderer does not know; the message
    names the values it accepts."""


def unknown(what: str, value: object, allowed) -> RenderOptionError:
    """The error for an option *what* whose *value* is not one of *allowed*."""
    return RenderOptionError(f"unknown {what} {value!r} (must be one of {', '.join(allowed)})")
