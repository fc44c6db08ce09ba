"""Latency of ``argmap lsp``: from a ``didChange`` to the ``publishDiagnostics`` for
that version, as an editor sees it (server in its own process, over stdio).

    python bench/bench_lsp.py                  # the showcase map and a 1,000-node map
    python bench/bench_lsp.py --edits 100

Each edit types one character at the start of a premise's text in the middle of
the map, then takes it back, so the map stays the same size. Budgets on the median: 50 ms
for the showcase map, 150 ms for 1,000 nodes; the script exits with 1 when one is
over. Needs the lsp extra (pygls).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import generate_arg

ROOT = Path(__file__).resolve().parents[1]
SHOWCASE = ROOT / "maps" / "serwer-2023-serbia.arg"
BUDGETS_MS = {"showcase": 50.0, "1,000 nodes": 150.0}


class Server:
    """``argmap lsp`` in a child process, spoken to in JSON-RPC over its pipes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
        )
        self.next_id = 0

    def send(self, method: str, params: dict, request: bool = False) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the server exited")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def cpu_seconds(self) -> float:
        """The server's CPU time so far (Linux; 0 elsewhere)."""
        import os

        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_for(self, predicate) -> dict:
        while True:
            message = self.receive()
            if predicate(message):
                return message

    def start(self) -> None:
        request = self.send("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True)
        self.wait_for(lambda m: m.get("id") == request)
        self.send("initialized", {})

    def stop(self) -> None:
        request = self.send("shutdown", None, request=True)
        self.wait_for(lambda m: m.get("id") == request)
        self.send("exit", None)
        self.process.wait(timeout=10)


def _diagnostics_for(uri: str, version: int):
    def matches(message: dict) -> bool:
        params = message.get("params") or {}
        return (
            message.get("method") == "textDocument/publishDiagnostics"
            and params.get("uri") == uri
            and params.get("version") == version
        )

    return matches


def _edit_place(text: str) -> tuple[int, int]:
    """The start of a premise's text near the middle of the map (0-based)."""
    lines = text.split("\n")
    for number in range(len(lines) // 2, len(lines)):
        words = lines[number].lstrip().split(" ", 1)
        if words[0].lower().startswith("premise") and ": " in lines[number] and "@" not in words[-1][:1]:
            return number, lines[number].index(": ") + 2
    raise ValueError("the map has no premise in its second half")


def measure(server: Server, name: str, text: str, edits: int) -> tuple[list[float], float]:
    """Milliseconds from each didChange to its diagnostics, and the server's mean
    CPU milliseconds per edit (what an edit costs on an idle machine)."""
    uri = f"file:///bench/{name.replace(' ', '-').replace(',', '')}.arg"
    server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "arg", "version": 1, "text": text}})
    server.wait_for(_diagnostics_for(uri, 1))
    line, character = _edit_place(text)
    here = {"line": line, "character": character}
    after = {"line": line, "character": character + 1}
    times = []
    cpu_before = server.cpu_seconds()
    for version in range(2, edits + 2):
        change = (
            {"range": {"start": here, "end": here}, "text": "s"}
            if version % 2 == 0
            else {"range": {"start": here, "end": after}, "text": ""}
        )
        started = time.perf_counter()
        server.send(
            "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
        )
        server.wait_for(_diagnostics_for(uri, version))
        times.append((time.perf_counter() - started) * 1000)
    cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / edits
    server.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    return times, cpu_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=60, help="edits per map (default 60)")
    parser.add_argument("--nodes", type=int, default=1000, help="size of the generated map (default 1,000)")
    args = parser.parse_args(argv)

    maps = {"showcase": SHOWCASE.read_text(encoding="utf-8"), "1,000 nodes": generate_arg(args.nodes)}
    server = Server()
    server.start()
    over = []
    try:
        for name, text in maps.items():
            measure(server, name, text, 4)  # warm up: imports, the grammar, the check registry
            times, cpu_ms = measure(server, name, text, args.edits)
            times.sort()
            median, p90 = statistics.median(times), times[int(len(times) * 0.9) - 1]
            print(
                f"{name:<12} {len(text.splitlines()):>6} lines  median {median:6.1f} ms  p90 {p90:6.1f} ms  "
                f"best {times[0]:6.1f} ms  server CPU {cpu_ms:6.1f} ms/edit  "
                f"(budget {BUDGETS_MS[name]:.0f} ms, {len(times)} edits)"
            )
            if median > BUDGETS_MS[name]:
                over.append(name)
    finally:
        server.stop()
    if over:
        print(f"over budget: {', '.join(over)} (is the machine busy? see `uptime`)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
