"""Cross-checks with python-argumentation (py_arg), a published solver, installed as a
test-only dependency: skipped where it is missing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.frameworks import Framework, from_apx
from tests.budget import examples
from tests.evaluate.brute import frameworks, maps

FAST = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])

py_arg = pytest.importorskip("py_arg", reason="python-argumentation is a test-only extra")


def _py_arg_framework(arguments, attacks):
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat

    objects = {name: Argument(name) for name in arguments}
    return AbstractArgumentationFramework(
        "af", list(objects.values()), [Defeat(objects[a], objects[t]) for a, t in attacks]
    )


def _ins(labellings) -> set[frozenset[str]]:
    return {frozenset(a for a, label in lab.items() if label == "in") for lab in labellings}


class TestAgainstPyArg:
    @FAST
    @given(frameworks(max_arguments=7))
    def test_grounded_complete_stable(self, af):
        """The grounded, complete and stable extensions agree with py_arg's."""
        from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
        from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
        from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

        arguments, attacks = af
        framework = Framework(arguments, attacks)
        theirs = _py_arg_framework(arguments, attacks)
        assert _ins([framework.grounded()]) == {frozenset(a.name for a in get_grounded_extension(theirs))}
        for semantics, solver in (("complete", get_complete_extensions), ("stable", get_stable_extensions)):
            assert _ins(framework.labellings(semantics)) == {frozenset(a.name for a in e) for e in solver(theirs)}

    @FAST
    @given(frameworks(max_arguments=7))
    def test_preferred(self, af):
        """The preferred extensions agree with py_arg's."""
        from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions

        framework = Framework(*af)
        theirs = {frozenset(a.name for a in e) for e in get_preferred_extensions(_py_arg_framework(*af))}
        assert _ins(framework.labellings("preferred")) == theirs

    @FAST
    @given(maps())
    def test_map_frameworks_read_by_py_arg(self, the_map):
        """The apx export of a map's framework, read by py_arg's ASPARTIX reader,
        has the same grounded extension."""
        from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
        from py_arg.import_export.argumentation_framework_from_aspartix_format_reader import (
            ArgumentationFrameworkFromASPARTIXFormatReader,
        )

        from argmap.evaluation import to_apx

        text = "\n".join(line for line in to_apx(the_map).splitlines() if not line.startswith("%"))
        theirs = ArgumentationFrameworkFromASPARTIXFormatReader.from_apx(text)
        ours = from_apx(text)
        assert {a.name.strip('"') for a in get_grounded_extension(theirs)} == {
            a for a, label in ours.grounded().items() if label == "in"
        }
