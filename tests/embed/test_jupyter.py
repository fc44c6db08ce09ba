"""The %%argmap cell magic, in IPython (fast) and in a notebook run by nbclient."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("IPython")


def _cells(example: str) -> list[str]:
    """The cells of the page's example, split at its ``# In [n]:`` lines."""
    parts = re.split(r"^# In \[\d+\]:\n", example, flags=re.MULTILINE)
    return [part.strip() + "\n" for part in parts if part.strip()]


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    ipython = InteractiveShell.instance()
    yield ipython
    InteractiveShell.clear_instance()


def _run(shell, cell: str):
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        result = shell.run_cell(cell)
    return result, captured


def test_the_magic_draws_and_reports_in_ipython(shell, examples):
    cells = _cells(examples["jupyter", "cells"])
    _run(shell, cells[0])
    result, captured = _run(shell, cells[1])
    assert result.success
    [output] = captured.outputs
    assert output.data["image/svg+xml"].startswith("<svg")
    assert "1 Conclusion: The museum should open on Mondays." in output.data["text/plain"]
    assert "legend" in output.data["image/svg+xml"].lower()  # evaluate draws the verdicts' legend
    result, captured = _run(shell, "%%argmap\nconclusion: A.\n  premis: B.\n")
    assert result.success and "Traceback" not in captured.stdout + captured.stderr
    [output] = captured.outputs
    assert output.data["text/plain"].startswith("<cell>:3:3: error: unknown keyword 'premis'")


@pytest.mark.slow
def test_a_notebook_runs_with_nbclient(examples):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cells = _cells(examples["jupyter", "cells"]) + ["%%argmap\nconclusion: A.\n  premis: B.\n"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    drawn, value, broken = (cell.outputs for cell in notebook.cells[1:])
    assert drawn[0]["output_type"] == "display_data" and "<svg" in drawn[0]["data"]["image/svg+xml"]
    assert value[0]["output_type"] == "execute_result" and "<svg" in value[0]["data"]["image/svg+xml"]
    assert broken[0]["data"]["text/plain"].startswith("<cell>:3:3: error: unknown keyword 'premis'")
    assert not any(output["output_type"] == "error" for cell in notebook.cells for output in cell.outputs)
