"""A live preview: a local web page that draws one map and its diagnostics, and
draws them again whenever the file is saved.

Only the standard library: :class:`http.server.ThreadingHTTPServer`, bound to
127.0.0.1 and nothing else. The page asks ``/state`` for the map; the server holds
the request until the file changes (or 20 seconds pass), so a save shows within
a fraction of a second without a busy loop in the browser.

What the server does and does not do:

- it serves five fixed paths (``/``, ``/app.js``, ``/app.css``, ``/state``,
  ``/map.svg``) and nothing else; no part of a URL ever names a file, so there is
  nothing to traverse;
- it answers only requests whose ``Host`` is the loopback address it listens on
  (a web page elsewhere cannot reach it by DNS rebinding);
- every text from the map is put into the page as text (``textContent``), and the
  picture is the renderer's checked SVG; the page's Content-Security-Policy allows
  no inline script and no connection but to itself.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import parse_qs, urlsplit

from .serve_page import APP_CSS, APP_JS, INDEX_HTML

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
WAIT_SECONDS = 20.0
"""How long ``/state?since=...`` waits for a change before answering anyway."""
POLL_SECONDS = 0.15
"""How often the server looks at the file while a request waits."""
IDLE_SECONDS = 30.0
"""How long a connection may send nothing before it is closed (a waiting request is
the server's wait, not the connection's, so it is not cut by this)."""
MAX_CONNECTIONS = 32
"""The most connections served at once, each by a thread of its own; one more is
closed at once (1,000 idle sockets once held 1,000 threads for ever)."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class PreviewState(TypedDict):
    """What ``/state`` answers, as JSON: the drawing (the last good one while *stale*),
    the map's title, its diagnostics, and why the drawing is stale (*error*)."""

    version: str
    file: str
    title: str | None
    svg: str | None
    stale: bool
    diagnostics: list[dict[str, Any]]
    error: str | None


class Preview:
    """The file being previewed and its latest drawing, made again only when the
    file's bytes change."""

    def __init__(self, path: str | Path, render_options: dict | None = None) -> None:
        self.path = Path(path)
        self.options = dict(render_options or {})
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._state: PreviewState | None = None
        self._last_svg: str | None = None

    def _stamp(self) -> tuple:
        try:
            info = self.path.stat()
        except OSError as error:
            return ("missing", error.strerror)
        # an editor that saves by renaming changes the inode; one that writes in
        # place changes the times
        return (info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)

    def state(self) -> PreviewState:
        """The current drawing, diagnostics and version (a hash of the file)."""
        stamp = self._stamp()
        with self._lock:
            if stamp != self._key or self._state is None:
                self._state = self._build()
                self._key = stamp
            return self._state

    def _build(self) -> PreviewState:
        from .. import check, parse
        from ..diagnostics import Diagnostic, to_records
        from ..draw import render
        from ..errors import ArgmapError
        from ..parsing import decode

        name = self.path.name
        try:
            data = self.path.read_bytes()
        except OSError as error:
            return {
                "version": f"missing:{error.strerror}",
                "file": name,
                "title": None,
                "svg": self._last_svg,
                "stale": True,
                "diagnostics": [],
                "error": f"cannot read {name}: {error.strerror}",
            }
        version = hashlib.sha256(data).hexdigest()[:16]
        state: PreviewState = {
            "version": version,
            "file": name,
            "title": None,
            "svg": self._last_svg,
            "stale": True,
            "diagnostics": [],
            "error": None,
        }
        try:
            the_map = parse(decode(data, name), name)
        except ArgmapError as error:
            state["diagnostics"] = to_records([Diagnostic.from_error(error, name)])
            state["error"] = "the file has a mistake; the drawing is the last one that could be made"
            return state
        diagnostics = check(the_map, file=name)
        state["diagnostics"] = to_records(diagnostics)
        state["title"] = the_map.meta("title")
        try:
            svg = render(the_map, "svg", **self.options).decode("utf-8")
        except ArgmapError as error:
            state["error"] = f"the map cannot be drawn: {error.message}"
            return state
        if svg.startswith("<?xml"):
            svg = svg.split("?>", 1)[1].lstrip()
        self._last_svg = svg
        state["svg"], state["stale"] = svg, False
        return state

    def wait_for_change(self, since: str | None, timeout: float = WAIT_SECONDS) -> PreviewState:
        """The state as soon as its version differs from *since* (at once when it
        already does), or after *timeout* seconds."""
        deadline = time.monotonic() + timeout
        state = self.state()
        while since and state["version"] == since and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            state = self.state()
        return state


class _Handler(BaseHTTPRequestHandler):
    server_version = "argmap-serve"
    sys_version = ""
    preview: Preview  # set on the subclass made by make_server
    server: PreviewServer  # the handler serves under make_server's server only
    quiet = True
    timeout = IDLE_SECONDS  # socketserver closes a connection idle this long

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the name of the overridden method
        if not self.quiet:
            super().log_message(format, *args)

    def _allowed_host(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        port = self.server.server_port
        return host in {f"{HOST}:{port}", f"localhost:{port}"}

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, *, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._route(head=True)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._route(head=False)

    def _route(self, *, head: bool) -> None:
        if not self._allowed_host():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown host\n", "text/plain; charset=utf-8", head=head)
            return
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(HTTPStatus.OK, INDEX_HTML.encode(), "text/html; charset=utf-8", head=head)
        elif url.path == "/app.js":
            self._send(HTTPStatus.OK, APP_JS.encode(), "text/javascript; charset=utf-8", head=head)
        elif url.path == "/app.css":
            self._send(HTTPStatus.OK, APP_CSS.encode(), "text/css; charset=utf-8", head=head)
        elif url.path == "/state":
            since = parse_qs(url.query).get("since", [""])[0][:64]
            state = self.preview.wait_for_change(since or None)
            body = json.dumps(state, ensure_ascii=False).encode("utf-8")
            self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", head=head)
        elif url.path == "/map.svg":
            svg = self.preview.state()["svg"]
            if svg is None:
                self._send(HTTPStatus.NOT_FOUND, b"no drawing yet\n", "text/plain; charset=utf-8", head=head)
            else:
                self._send(HTTPStatus.OK, svg.encode("utf-8"), "image/svg+xml", head=head)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head=head)


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server (threads, so that waiting requests do not block)."""

    daemon_threads = True
    allow_reuse_address = True
    max_connections = MAX_CONNECTIONS

    def __init__(self, *args, **kwargs) -> None:
        self._slots = threading.BoundedSemaphore(self.max_connections)
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address) -> None:
        """Serve the connection in a thread of its own, if fewer than
        :data:`MAX_CONNECTIONS` are served; else close it at once."""
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        return f"http://{HOST}:{self.server_address[1]}/"


def make_server(
    path: str | Path, port: int = DEFAULT_PORT, *, render_options: dict | None = None, quiet: bool = True
) -> PreviewServer:
    """A server for the preview of the map at *path* on 127.0.0.1:*port* (0: any
    free port), not yet serving: call ``serve_forever()``."""
    preview = Preview(path, render_options)
    handler = type("PreviewHandler", (_Handler,), {"preview": preview, "quiet": quiet})
    return PreviewServer((HOST, port), handler)
