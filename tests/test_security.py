"""SECURITY.md, statement by statement: what argmap guarantees for a map from a stranger.

1. Files: only those named (TestFiles). 2. No markup or DOT injection (TestInjection).
3. Bounded time and memory (TestBounded). 4. What goes back out (tests/test_terminal.py,
tests/test_roundtrip.py). 5. Atomic outputs (TestAtomicWrites, TestSpecialOutputs,
TestInterruptedAndRacingWrites).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from tests.budget import quick_first

ROOT = Path(__file__).resolve().parent.parent

# A map that names files, tries to close DOT strings and HTML labels, and carries
# markup, entities, Graphviz escapes and shell syntax, everywhere a map has words.
HOSTILE = textwrap.dedent("""\
    title: "]; node [image="/etc/passwd"]; x [label="
    source: /etc/passwd
    include: SECRET

    conclusion c: <script>alert(1)</script> & ]]> <!-- --> <![CDATA[ x ]]> "quoted" \\" {source: SECRET}
      premise p: <IMG SRC="/etc/hostname"/> <b>bold</b> &amp; &#x3C; &xxe; #tag/x {href: "javascript:alert(1)", image: SECRET, URL: SECRET}
      objection o: "]; image="/etc/passwd"; shapefile="/etc/passwd"; fontpath="/etc"; a -> b [label="
        rebuttal r: }" -> "c" [color=red]; subgraph cluster_x { label=<x> } // \\N \\G \\E \\T \\H \\L \\l \\n
      premise q: %s %n {0} $(touch PWNED) `touch PWNED` ; rm -rf / #x {weight: 0.5}
        undercut u: <svg onload="alert(1)"><foreignObject><iframe src="SECRET"/></foreignObject></svg>
      reason:
        premise s1: \\u0000 \\x00 ${HOME} ../../../../etc/passwd
        premise s2: <?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    """)  # noqa: E501 - each hostile line is one line of the map, whatever its length


def hostile_text(tmp_path: Path) -> str:
    """The hostile map, naming a secret file and a file to be created in *tmp_path*."""
    return HOSTILE.replace("SECRET", str(tmp_path / "secret.txt")).replace("PWNED", str(tmp_path / "pwned"))


def test_hostile_map_is_a_map(tmp_path):
    """The hostile map parses: every test below works on a real map, not on an error."""
    the_map = argmap.parse(hostile_text(tmp_path))
    assert len(the_map.nodes) == 8 and any(r.kind == "undercut" for r in the_map.relations)


# --- 1. files ----------------------------------------------------------------------

PROBE = r"""
import json, os, sys
log_fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
events = []
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
PATH_EVENTS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.symlink", "os.link",
               "os.truncate", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "pty.spawn"}

def text(value):
    return os.fsdecode(value) if isinstance(value, (str, bytes, os.PathLike)) else repr(value)

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if not isinstance(path, int):
            writing = bool(mode and set(mode) & set("wax+")) or bool((flags or 0) & WRITING)
            events.append(["write" if writing else "read", os.path.abspath(text(path))])
    elif event in PATH_EVENTS:
        events.append([event] + [os.path.abspath(text(a)) if isinstance(a, (str, bytes, os.PathLike)) else text(a)
                                 for a in args[:2]])
    elif event in PROCESS_EVENTS:
        events.append([event, [text(a) for a in (args[1] if event == "subprocess.Popen" else args[:1]) or []]])
    elif event.startswith(("socket.", "urllib.", "http.", "webbrowser.", "ftplib.", "smtplib.")):
        events.append([event, repr(args)[:200]])

sys.addaudithook(hook)
import atexit
atexit.register(lambda: os.write(log_fd, json.dumps(events).encode()))
sys.argv = ["argmap", *sys.argv[2:]]
from argmap.cli import run
run()
"""


def audit(tmp_path: Path, *args: str, cwd: Path) -> tuple[list, subprocess.CompletedProcess]:
    """Run ``argmap ARGS`` in a new process under the audit hook; return its record."""
    probe, log = tmp_path / "probe.py", tmp_path / "audit.json"
    probe.write_text(PROBE, encoding="utf-8")
    env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")}
    env.pop("XDG_CACHE_HOME", None)
    done = subprocess.run(
        [sys.executable, str(probe), str(log), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return json.loads(log.read_text()), done


def library_roots() -> list[Path]:
    """Where Python, argmap and the packages it uses live."""
    import argmap.parsing

    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    roots.add(Path(argmap.__file__).resolve().parent)
    roots.add(argmap.parsing._grammar_path().resolve().parent)
    return sorted(roots)


def inside(path: str, *roots: Path) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


COMMANDS = {
    "check": ["check", "{map}"],
    "check --format json": ["check", "--format", "json", "{map}"],
    "fmt": ["fmt", "{map}"],
    "render svg": ["render", "{map}", "-o", "{out}/map.svg"],
    "render svg, default name": ["render", "{map}"],
    "render dot": ["render", "--format", "dot", "{map}", "-o", "{out}/map.dot"],
    "render embedded": ["render", "--engine", "embedded", "{map}", "-o", "{out}/map.svg"],
    "export json": ["export", "--to", "json", "{map}", "-o", "{out}/map.json"],
    "export arg": ["export", "--to", "arg", "{map}", "-o", "{out}/map.arg"],
    "eval": ["eval", "{map}", "-o", "{out}/verdicts.txt"],
}


class TestFiles:
    @pytest.mark.parametrize("name", sorted(COMMANDS))
    def test_only_named_files_are_touched(self, tmp_path, name):
        """Every file a command opens, renames, creates or removes is a named input or
        output (or a temporary file beside it), argmap's cache, a settings file above
        the map, or a file of Python and argmap; no network, no program but dot."""
        if name == "render embedded":
            pytest.importorskip("wasmtime")
        if name.startswith("render") and name != "render embedded" and name != "render dot" and not shutil.which("dot"):
            pytest.skip("needs Graphviz's dot")
        work, out = tmp_path / "maps", tmp_path / "out"
        work.mkdir(), out.mkdir()
        (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
        map_path = work / "hostile.arg"
        map_path.write_text(hostile_text(tmp_path), encoding="utf-8")
        args = [a.format(map=map_path, out=out) for a in COMMANDS[name]]
        events, done = audit(tmp_path, *args, cwd=work)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr

        inputs = {map_path.resolve()}
        outputs = {Path(a).resolve() for a in args if a.startswith(str(out))}
        if name == "fmt":
            outputs = inputs
        if name == "render svg, default name":
            outputs = {map_path.with_suffix(".svg").resolve()}
        cache, libraries = (tmp_path / "cache").resolve(), library_roots()

        def temporary_beside_output(path: str) -> bool:
            p = Path(path).resolve()
            return any(
                p.parent == o.parent and re.fullmatch(rf"\.{re.escape(o.name)}\.\d+\.\w+\.tmp", p.name) for o in outputs
            )

        def settings_file(path: str) -> bool:
            p = Path(path).resolve()
            return p.name in ("argmap.toml", "pyproject.toml") and p.parent in (work.resolve(), *work.resolve().parents)

        for event in events:
            kind = event[0]
            if kind == "read":
                assert (
                    Path(event[1]).resolve() in inputs | outputs
                    or inside(event[1], cache, *libraries)
                    or settings_file(event[1])
                    or temporary_beside_output(event[1])
                ), event
            elif kind in ("write", "os.chmod", "os.remove", "os.truncate", "os.utime"):
                assert (
                    Path(event[1]).resolve() in outputs or inside(event[1], cache) or temporary_beside_output(event[1])
                ), event
            elif kind == "os.rename":
                assert temporary_beside_output(event[1]) or inside(event[1], cache), event
                assert Path(event[2]).resolve() in outputs or inside(event[2], cache), event
            elif kind == "os.mkdir":
                assert inside(event[1], cache), event
            elif kind == "subprocess.Popen":
                program, *rest = event[1]
                assert Path(program).name == "dot" and all(re.fullmatch(r"-[TG][\w.=]+", a) for a in rest), event
            else:
                pytest.fail(f"unexpected event {event}")
        assert not (tmp_path / "pwned").exists()
        assert not any(str(tmp_path / "secret.txt") == e[1] for e in events if len(e) > 1)
        if name != "check" and name != "check --format json":
            assert any(e[0] == "os.rename" for e in events), "the output was not written by rename"

    def test_check_reads_no_settings_with_no_config(self, tmp_path):
        """`check --no-config` reads no settings file, even one beside the map."""
        work = tmp_path / "maps"
        work.mkdir()
        (work / "argmap.toml").write_text("strict = true\n", encoding="utf-8")
        (work / "map.arg").write_text(MAP, encoding="utf-8")
        events, done = audit(tmp_path, "check", "--no-config", "map.arg", cwd=work)
        assert done.returncode == 0, done.stderr
        assert not any(e[1].endswith(("argmap.toml", "pyproject.toml")) for e in events if e[0] == "read")

    def test_untrusted_grammar_cache_is_not_loaded(self, tmp_path):
        """A grammar cache file that others may write is not loaded (a cache is a pickle,
        and loading a pickle runs code): the map is read all the same."""
        import argmap.parsing

        cache = tmp_path / "cache"
        env = {**os.environ, "ARGMAP_CACHE_DIR": str(cache)}
        code = "import argmap; print(len(argmap.parse('conclusion: A.').nodes))"
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        (cache_file,) = cache.glob("grammar-*.lark-cache")
        assert cache_file.stat().st_mode & 0o077 == 0  # written for its owner alone
        marker = tmp_path / "ran"
        # a pickle that would create the marker file when loaded
        payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
        cache_file.write_bytes(cache_file.read_bytes().split(b"\n", 1)[0] + b"\n" + payload)
        os.chmod(cache_file, 0o666)
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
        assert done.stdout.strip() == "1", done.stderr
        assert not marker.exists()
        assert argmap.cache.is_trusted(cache_file) is False


# --- 2. injection ------------------------------------------------------------------

LAYOUT_ENGINES = [
    "embedded",
    pytest.param(
        "system", marks=pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not on PATH")
    ),
]


def plain_twin(the_map: argmap.Map) -> argmap.Map:
    """The same map with harmless words: same ids, kinds, relations, numbers of tags
    and attribute keys."""
    nodes = [
        attrs.evolve(
            node,
            text=f"Plain statement number {i}.",
            tags=tuple(f"t{k}" for k, _ in enumerate(node.tags)),
            attributes=tuple((key, "0.5" if key == "weight" else "v") for key, _ in node.attributes),
        )
        for i, node in enumerate(the_map.nodes)
    ]
    metadata = [(key, "plain") for key, _ in the_map.metadata]
    return argmap.Map(metadata=metadata, nodes=nodes, relations=the_map.relations)


def layout(dot_source: str, engine: str) -> dict:
    """Graphviz's layout of *dot_source* as JSON, from the system ``dot`` or the embedded one."""
    if engine == "embedded":
        from argmap.draw.wasm import run_wasm

        return json.loads(run_wasm(dot_source, "json"))
    done = subprocess.run(["dot", "-Tjson"], input=dot_source, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def shape(graph: dict) -> tuple:
    objects = sorted((sorted(o) for o in graph.get("objects", [])), key=str)
    edges = sorted((e["tail"], e["head"], sorted(e)) for e in graph.get("edges", []))
    return len(graph.get("objects", [])), objects, edges, sorted(k for k in graph if k not in ("objects", "edges"))


FILE_ATTRIBUTES = {
    "image",
    "shapefile",
    "imagepath",
    "fontpath",
    "fontnames",
    "stylesheet",
    "href",
    "url",
    "imagescale",
}


class TestInjection:
    @pytest.mark.parametrize("engine", LAYOUT_ENGINES)
    @pytest.mark.parametrize("options", [{}, {"show_ids": True, "show_sources": True, "legend": True}])
    def test_dot_has_the_structure_of_a_plain_map(self, tmp_path, options, engine):
        """The DOT of the hostile map, laid out by dot, has the same nodes, edges and
        attribute names as that of a plain map of the same shape."""
        from argmap.draw import to_dot

        hostile = argmap.parse(hostile_text(tmp_path))
        assert shape(layout(to_dot(hostile, **options), engine)) == shape(
            layout(to_dot(plain_twin(hostile), **options), engine)
        )

    @pytest.mark.parametrize("engine", LAYOUT_ENGINES)
    def test_dot_names_no_file(self, tmp_path, engine):
        """No attribute that makes Graphviz read a file, and no <IMG> in any label."""
        from argmap.draw import to_dot

        graph = layout(to_dot(argmap.parse(hostile_text(tmp_path)), show_ids=True, show_sources=True), engine)
        for item in [graph, *graph.get("objects", []), *graph.get("edges", [])]:
            assert not FILE_ATTRIBUTES & {key.lower() for key in item}, item
            assert not re.search(r"<\s*img", str(item.get("label", "")), re.IGNORECASE)

    @pytest.mark.parametrize("engine", LAYOUT_ENGINES)
    def test_svg_holds_the_words_as_text_only(self, tmp_path, engine):
        """The SVG is well-formed; no element or attribute comes from the map (no script,
        foreign object, event handler or link), and the map's words are in its text."""
        from argmap.draw import render

        hostile = argmap.parse(hostile_text(tmp_path))
        svg = render(hostile, engine=engine, show_ids=True, show_sources=True)
        assert b"<!ENTITY" not in svg and b"<!DOCTYPE x" not in svg
        root = ET.fromstring(svg)
        plain = ET.fromstring(render(plain_twin(hostile), engine=engine, show_ids=True, show_sources=True))

        def vocabulary(tree):
            return ({el.tag for el in tree.iter()}, {name for el in tree.iter() for name in el.attrib})

        tags, attributes = vocabulary(root)
        plain_tags, plain_attributes = vocabulary(plain)
        assert tags <= plain_tags, tags - plain_tags
        assert attributes <= plain_attributes, attributes - plain_attributes
        assert not any(name.lower().startswith("on") for name in attributes)
        for element in root.iter():
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert value.startswith("#"), (name, value)
        words = " ".join(" ".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
        for fragment in ("alert(1)", "<IMG", "shapefile=", "$(touch", "cluster_x", "<!ENTITY"):
            assert fragment in words.replace("\u00a0", " "), fragment

    def test_json_gives_back_the_words(self, tmp_path):
        """The JSON export is valid JSON that reads back to the same map, words and all."""
        hostile = argmap.parse(hostile_text(tmp_path))
        data = json.loads(argmap.to_json(hostile))
        assert data
        assert argmap.from_json(argmap.to_json(hostile)) == hostile

    def test_arg_export_reads_back(self, tmp_path):
        """Writing the hostile map as .arg escapes what must be escaped: it reads back equal."""
        hostile = argmap.parse(hostile_text(tmp_path))
        assert argmap.parse(argmap.to_arg(hostile)) == hostile


# --- 3. bounded time and memory ----------------------------------------------------


def hostile_files() -> dict[str, str]:
    """Maps that once cost exponential or quadratic time, and the largest shapes within
    the limits that a test can afford."""
    chain = ["conclusion n0: Start."]
    for i in range(1, 10_000):
        chain += [f"@n{i - 1}", f"  objection n{i}: Step {i} of a long chain."]
    references = ["conclusion c: A.", "  premise shared: S."]
    for i in range(5_000):
        references += [f"  claim k{i}: K{i}.", "    premise @shared", "      undercut @shared", "    objection @shared"]
    return {
        "unclosed-quotes": 'conclusion: A.\n  evidence: """' + "word " * 200_000 + "\n",
        "tags": "conclusion: A. " + " ".join(f"#t{i}" for i in range(200_000)) + "\n",
        "attributes": "conclusion: A. {" + ", ".join(f"k{i}: v" for i in range(100_000)) + "}\n",
        "backslashes-and-braces": "conclusion: " + "\\" * 500_000 + " {" + "{" * 300_000 + "}" * 300_000 + "\n",
        "deep": "conclusion: A.\n" + "".join(" " * d + f"premise: P{d}.\n" for d in range(1, 10_000)),
        "chain": "\n".join(chain) + "\n",
        "references": "\n".join(references) + "\n",
        "alike-texts": "conclusion: A.\n" + "  premise: The same words again.\n" * 10_000,
    }


LIMITED = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
sys.argv = ["argmap", *sys.argv[1:]]
from argmap.cli import run
run()
"""


class TestBounded:
    @pytest.mark.parametrize("name", quick_first(sorted(hostile_files(), key=lambda n: n != "unclosed-quotes")))
    def test_hostile_map_within_a_minute_and_two_gigabytes(self, tmp_path, name):
        """`check`, `fmt --check`, the exports to JSON, Argdown and Markdown and the DOT
        export finish on each hostile map in a process limited to 60 s of CPU and 2 GB,
        with a message or a result."""
        path = tmp_path / f"{name}.arg"
        path.write_text(hostile_files()[name], encoding="utf-8")
        for command in (
            ["check"],
            ["fmt", "--check"],
            ["export", "--to", "json", "-o", str(tmp_path / "out.json")],
            ["export", "--to", "argdown", "-o", str(tmp_path / "out.argdown")],
            ["export", "--to", "markdown", "-o", str(tmp_path / "out.md")],
            ["render", "--format", "dot", "-o", str(tmp_path / "out.dot")],
        ):
            done = subprocess.run(
                [sys.executable, "-c", LIMITED, *command, str(path)],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            assert done.returncode in (0, 1), f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}"
            assert "Traceback" not in done.stderr
            if name != "chain":  # the chain is an error-free map; the others may be refused
                continue
            assert done.returncode == 0 or command == ["check"], done.stderr[-2000:]

    @pytest.mark.parametrize("length", quick_first([5_000, 50_000]))
    def test_argdown_export_and_import_of_a_chain_of_50000_attacks_within_a_minute(self, tmp_path, length):
        """The Argdown export of a chain of 50,000 attacks (5,000 in the quick run), and
        the import of that export, finish in a process limited to 60 s of CPU and 2 GB,
        with a message or a result (deriving the kinds of the nodes once took time in the
        square of the chain's length)."""
        chain = ["conclusion n0: Start."]
        for i in range(1, length):
            chain += [f"@n{i - 1}", f"  objection n{i}: Step {i} of a long chain."]
        (tmp_path / "chain.arg").write_text("\n".join(chain) + "\n", encoding="utf-8")
        exported = tmp_path / "chain.argdown"
        for command, exits in (
            (["export", "--to", "argdown", "-o", str(exported), str(tmp_path / "chain.arg")], (0,)),
            (["import", "-o", str(tmp_path / "back.arg"), str(exported)], (0, 1)),
        ):
            done = subprocess.run(
                [sys.executable, "-c", LIMITED, *command], capture_output=True, text=True, timeout=300, check=False
            )
            assert done.returncode in exits, f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}"
            assert "Traceback" not in done.stderr

    def test_search_semantics_stop_at_the_step_limit(self):
        """Preferred semantics on a map with many choices stop with a message at --limit steps."""
        from argmap.frameworks import SearchLimitError

        lines = ["conclusion n0: N0."]
        for i in range(1, 200):
            lines += [f"@n{i - 1}", f"  objection n{i}: N{i}."]
        lines += ["@n199", "  objection @n0"]
        the_map = argmap.parse("\n".join(lines))
        with pytest.raises(SearchLimitError) as caught:
            argmap.evaluate(the_map, "preferred", limit=1_000)
        assert isinstance(caught.value, argmap.ArgmapError)
        assert "1,000 search steps" in caught.value.message

    @pytest.mark.parametrize("target", ["argdown", "markdown"])
    def test_exports_of_a_chain_grow_linearly(self, target):
        """The exports of a chain of 4,000 nodes are at most 50 times the size of the map
        (the outline is cut into blocks of a bounded depth)."""
        from argmap.cli import exporter

        lines = ["conclusion n0: Start."]
        for i in range(1, 4_000):
            lines += [f"@n{i - 1}", f"  premise n{i}: Step {i}."]
        text = "\n".join(lines) + "\n"
        assert len(exporter(target)(argmap.parse(text))) <= 50 * len(text)


# --- 5. atomic writes --------------------------------------------------------------

EARLIER = "<svg>the earlier picture</svg>\n"
MAP = "conclusion c: The city should plant more trees.\n  premise p: Trees cool the streets in summer.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "map.arg").write_text(MAP, encoding="utf-8")
    (tmp_path / "map.svg").write_text(EARLIER, encoding="utf-8")
    return tmp_path


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


class TestAtomicWrites:
    def test_renderer_failing_after_its_work_leaves_the_earlier_file(self, runner, workspace, monkeypatch):
        """A renderer that fails after doing its work writes nothing: the earlier file stays."""
        import argmap.draw
        from argmap.draw import RenderError

        real = argmap.draw.render

        def fail_late(*args, **kwargs):
            real(*args, **kwargs) if shutil.which("dot") else None
            raise RenderError("dot crashed")

        monkeypatch.setattr(argmap.draw, "render", fail_late)
        result = runner.invoke(main, ["render", str(workspace / "map.arg"), "-o", str(workspace / "map.svg")])
        assert result.exit_code == 1 and "dot crashed" in result.stderr
        assert (workspace / "map.svg").read_text(encoding="utf-8") == EARLIER
        assert leftovers(workspace) == []

    @pytest.mark.parametrize(
        "command",
        [["render", "--format", "dot", "{map}", "-o", "{out}"], ["export", "--to", "json", "{map}", "-o", "{out}"]],
    )
    def test_failed_rename_leaves_the_earlier_file(self, runner, workspace, monkeypatch, command):
        """When the final rename fails (a full disk), the earlier output stays and the
        temporary file is removed; the command says so and exits 2."""
        import argmap.files

        def full(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(argmap.files.os, "replace", full)
        args = [a.format(map=workspace / "map.arg", out=workspace / "map.svg") for a in command]
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "No space left on device" in result.stderr
        assert (workspace / "map.svg").read_text(encoding="utf-8") == EARLIER
        assert leftovers(workspace) == []

    def test_fmt_failing_to_write_leaves_the_map(self, runner, workspace, monkeypatch):
        """`fmt` that cannot write its result leaves the map as it was, and no temporary file."""
        import argmap.files

        messy = "conclusion c:   The city should plant more trees.\n      premise p: Trees cool the streets.\n"
        (workspace / "map.arg").write_text(messy, encoding="utf-8")

        def full(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(argmap.files.os, "replace", full)
        runner.invoke(main, ["fmt", str(workspace / "map.arg")])
        assert (workspace / "map.arg").read_text(encoding="utf-8") == messy
        assert leftovers(workspace) == []

    def test_interrupted_write_leaves_the_earlier_file(self, workspace, monkeypatch):
        """A write interrupted midway (Ctrl-C while flushing) leaves the earlier file and no temporary file."""
        import argmap.files

        def interrupt(fd):
            raise KeyboardInterrupt

        monkeypatch.setattr(argmap.files.os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            argmap.files.write_atomically(workspace / "map.svg", "<svg>new</svg>" * 10_000)
        assert (workspace / "map.svg").read_text(encoding="utf-8") == EARLIER
        assert leftovers(workspace) == []

    def test_a_symlink_is_replaced_not_followed(self, runner, workspace):
        """An output path that is a symbolic link is replaced by the file; its target is untouched."""
        victim = workspace / "victim.txt"
        victim.write_text("precious\n", encoding="utf-8")
        link = workspace / "out.dot"
        link.symlink_to(victim)
        result = runner.invoke(main, ["render", "--format", "dot", str(workspace / "map.arg"), "-o", str(link)])
        assert result.exit_code == 0, result.output
        assert victim.read_text(encoding="utf-8") == "precious\n"
        assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("digraph")

    def test_temporary_file_is_private_and_new(self, workspace, monkeypatch):
        """The temporary file is created new (O_EXCL) and readable by its owner alone while written."""
        import argmap.files

        seen = []
        real_replace = os.replace

        def look(source, target):
            seen.append(os.stat(source).st_mode & 0o777)
            real_replace(source, target)

        monkeypatch.setattr(argmap.files.os, "replace", look)
        opened = []
        real_mkstemp = argmap.files.tempfile.mkstemp

        def mkstemp(*args, **kwargs):
            handle, name = real_mkstemp(*args, **kwargs)
            opened.append(os.stat(name).st_mode & 0o777)
            return handle, name

        monkeypatch.setattr(argmap.files.tempfile, "mkstemp", mkstemp)
        argmap.files.write_atomically(workspace / "new.svg", "<svg/>")
        assert opened == [0o600]
        assert (workspace / "new.svg").read_text() == "<svg/>"

    def test_map_with_errors_is_neither_formatted_nor_drawn(self, runner, workspace):
        """A map with a syntax error leaves its file and the earlier picture as they were."""
        broken = "conclusion c: A city.\n  premis p: typo.\n"
        (workspace / "map.arg").write_text(broken, encoding="utf-8")
        assert runner.invoke(main, ["fmt", str(workspace / "map.arg")]).exit_code == 1
        assert runner.invoke(main, ["render", str(workspace / "map.arg")]).exit_code == 1
        assert (workspace / "map.arg").read_text(encoding="utf-8") == broken
        assert (workspace / "map.svg").read_text(encoding="utf-8") == EARLIER


MESSY = "conclusion c:   The city should plant more trees.\n      premise p: Trees cool the streets.\n"


class TestSpecialOutputs:
    """Issue 16: ``-o`` onto a device or a pipe replaced it with a regular file, and
    ``-o /dev/fd/1`` failed; ``-o -`` is standard output for every command that writes."""

    def test_a_character_device_is_written_not_replaced(self, runner, workspace):
        result = runner.invoke(main, ["render", "--format", "dot", str(workspace / "map.arg"), "-o", os.devnull])
        assert result.exit_code == 0, result.output
        assert Path(os.devnull).is_char_device()

    def test_a_fifo_is_written_not_replaced(self, runner, workspace):
        import threading

        fifo = workspace / "pipe"
        os.mkfifo(fifo)
        received = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
        reader.start()
        result = runner.invoke(main, ["export", "--to", "json", str(workspace / "map.arg"), "-o", str(fifo)])
        reader.join(timeout=30)
        assert result.exit_code == 0, result.output
        assert fifo.is_fifo() and json.loads(received[0])["format"] == "argmap"
        assert leftovers(workspace) == []

    def test_dev_fd_1_is_standard_output(self, workspace):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "argmap",
                "render",
                "--format",
                "dot",
                str(workspace / "map.arg"),
                "-o",
                "/dev/fd/1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("digraph")

    @pytest.mark.parametrize(
        "command, start",
        [
            (["render", "--format", "dot", "{map}"], "digraph"),
            (["export", "--to", "json", "{map}"], "{"),
            (["eval", "{map}"], "grounded semantics"),
            (["import", "{json}"], "conclusion"),
            (["compare", "{map}", "{map}"], ""),
        ],
    )
    def test_dash_is_standard_output(self, runner, workspace, command, start):
        (workspace / "map.json").write_text(argmap.to_json(argmap.parse(MAP)), encoding="utf-8")
        args = [a.format(map=workspace / "map.arg", json=workspace / "map.json") for a in command]
        result = runner.invoke(main, [*args, "-o", "-"])
        assert result.exit_code in (0, 1), result.output
        assert result.stdout.startswith(start) and result.stdout.strip()
        assert not (workspace / "-").exists()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


class TestInterruptedAndRacingWrites:
    def test_sigterm_while_writing_leaves_no_temporary_file(self, workspace):
        """Issue 16: SIGTERM while fmt wrote left an 18–31 MB temporary file behind."""
        (workspace / "map.arg").write_text(MESSY, encoding="utf-8")
        script = (
            "import os, signal, sys, time\n"
            "import argmap.files as files\n"
            "def stop(fd):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    time.sleep(30)\n"
            "files.os.fsync = stop\n"
            "from argmap.cli import main\n"
            "main(['fmt', sys.argv[1]])\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(workspace / "map.arg")],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 128 + 15, done.stderr
        assert leftovers(workspace) == []
        assert (workspace / "map.arg").read_text(encoding="utf-8") == MESSY

    def test_a_later_write_removes_the_temporary_files_of_killed_writes(self, runner, workspace):
        """After SIGKILL the temporary file stays; the next write beside it removes it,
        but not one whose process still runs."""
        (workspace / "map.arg").write_text(MESSY, encoding="utf-8")
        stale = workspace / f".map.arg.{_dead_pid()}.abc_12.tmp"
        live = workspace / f".map.arg.{os.getppid()}.def_34.tmp"
        other = workspace / f".other.arg.{_dead_pid()}.ghi_56.tmp"
        for path in (stale, live, other):
            path.write_text("half a map", encoding="utf-8")
        assert runner.invoke(main, ["fmt", str(workspace / "map.arg")]).exit_code == 0
        assert leftovers(workspace) == sorted([live.name, other.name])

    def test_fmt_keeps_an_edit_saved_while_it_ran(self, runner, workspace, monkeypatch):
        """Issue 16: an edit saved while fmt was running was silently overwritten."""
        import argmap.fmt

        (workspace / "map.arg").write_text(MESSY, encoding="utf-8")
        edited = MESSY + "  premise q: Shade saves lives.\n"
        real_format = argmap.fmt.format_text

        def format_while_someone_saves(text, filename=None):
            formatted = real_format(text, filename)
            (workspace / "map.arg").write_text(edited, encoding="utf-8")
            return formatted

        monkeypatch.setattr(argmap.fmt, "format_text", format_while_someone_saves)
        result = runner.invoke(main, ["fmt", str(workspace / "map.arg")])
        assert result.exit_code == 2 and "changed while it was being formatted" in result.stderr
        assert (workspace / "map.arg").read_text(encoding="utf-8") == edited
        assert leftovers(workspace) == []

    @pytest.mark.parametrize("errno, words", [(27, "File too large"), (28, "No space left on device")])
    def test_fmt_that_cannot_write_says_so(self, runner, workspace, monkeypatch, errno, words):
        """Issue 16: fmt let the OSError of a failed write out as a traceback."""
        import argmap.files

        (workspace / "map.arg").write_text(MESSY, encoding="utf-8")

        def fail(*args):
            raise OSError(errno, words)

        monkeypatch.setattr(argmap.files.os, "replace", fail)
        result = runner.invoke(main, ["fmt", str(workspace / "map.arg")])
        assert result.exit_code == 2 and f"cannot write {workspace / 'map.arg'}: {words}" in result.stderr
        assert isinstance(result.exception, SystemExit)
