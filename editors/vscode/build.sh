#!/usr/bin/env bash
# Build the VS Code extension: check that the grammars are those made from argmap's
# token table, install the npm packages, test the grammars with vscode-tmgrammar-test,
# and package the extension into editors/vscode/argmap-VERSION.vsix with vsce.
#
#   editors/vscode/build.sh            # needs node and npm (and python with argmap)
#   PYTHON=.venv/bin/python editors/vscode/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
python="${PYTHON:-python3}"

# The committed grammars must be what the token table makes (the tests check it too).
"$python" - <<'PY'
import sys
from pathlib import Path
from argmap.highlight.textmate import dumps, grammar, markdown_injection
stale = [name for name, make in (("arg.tmLanguage.json", grammar),
                                 ("arg-markdown-injection.tmLanguage.json", markdown_injection))
         if Path("syntaxes", name).read_text(encoding="utf-8") != dumps(make())]
if stale:
    sys.exit(f"out of date: {', '.join(stale)}; run: python editors/vscode/make_grammars.py")
PY

# The exact versions of package-lock.json, from the npm registry (or npm's cache).
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
node --check extension.js
npm run --silent test:grammar
cp ../../LICENSE LICENSE
npx --no-install vsce package --allow-missing-repository --out "argmap-$(node -p 'require("./package.json").version').vsix"
