"""Write ``tests/interop/fixtures/argdown-cli/*.json``: what the Argdown CLI reads in
each Argdown fixture, reduced to statements, arguments and relations.

Run ``python -m tests.interop.regenerate_argdown_models`` (needs Node.js and the Argdown
CLI, see ``argdown_cli.py``) after adding a fixture. Never edit the files by hand: the
tests compare argmap's reading of each fixture with them, so that this comparison
runs on machines without Node.js too.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

# after the sys.path line above: run as a script, the repository root is not on the path
from tests.interop.argdown_cli import (  # noqa: E402
    ARGDOWN_FIXTURES,
    CLI_MODELS,
    find_argdown_cli,
    reduce_cli,
    run_json,
)


def main() -> None:
    cli = find_argdown_cli()
    if cli is None:
        sys.exit("the Argdown CLI was not found (set ARGDOWN_CLI or install it into .argdown-cli/)")
    paths = sorted(ARGDOWN_FIXTURES.glob("*.argdown"))
    with tempfile.TemporaryDirectory() as tmp:
        results = run_json(cli, paths, Path(tmp))
    CLI_MODELS.mkdir(exist_ok=True)
    for name, data in sorted(results.items()):
        if data is None:
            sys.exit(f"the Argdown CLI refused {name}.argdown")
        path = CLI_MODELS / f"{name}.json"
        path.write_text(json.dumps(reduce_cli(data), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
