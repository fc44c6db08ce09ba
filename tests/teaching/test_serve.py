"""The live preview server, over plain HTTP (the browser tests are in
test_browser.py)."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time

import pytest

from argmap.teaching.serve import Preview, make_server

MAP = """\
title: Sundays
conclusion: The library should open on Sundays.
  premise: Many students want to study on Sundays.
"""


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "library.arg"
    path.write_text(MAP)
    server = make_server(path, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, path
    server.shutdown()
    server.server_close()


def get(server, path: str, host: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def raw(server, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while data := sock.recv(65536):
            chunks.append(data)
    return b"".join(chunks)


class TestServer:
    """make_server()"""

    def test_loopback_only(self, served):
        """The server listens on 127.0.0.1 and nowhere else."""
        server, _ = served
        assert server.server_address[0] == "127.0.0.1"
        assert server.url.startswith("http://127.0.0.1:")

    def test_page(self, served):
        """The page, its script and style sheet, with a strict CSP."""
        server, _ = served
        response, body = get(server, "/")
        assert response.status == 200 and b"/app.js" in body
        csp = response.getheader("Content-Security-Policy")
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert get(server, "/app.js")[0].getheader("Content-Type").startswith("text/javascript")
        assert get(server, "/app.css")[0].status == 200

    def test_state(self, served):
        """/state gives the drawing, the diagnostics and a version."""
        server, _ = served
        response, body = get(server, "/state")
        state = json.loads(body)
        assert state["file"] == "library.arg" and state["title"] == "Sundays"
        assert state["svg"].startswith("<") and "<svg" in state["svg"] and not state["stale"]
        assert state["error"] is None and len(state["version"]) == 16
        assert get(server, "/map.svg")[0].getheader("Content-Type") == "image/svg+xml"

    def test_waits_for_a_change(self, served):
        """/state?since=VERSION answers when the file changes."""
        server, path = served
        first = json.loads(get(server, "/state")[1])

        def save():
            time.sleep(0.4)
            path.write_text(MAP + "  objection: Opening on Sundays costs money.\n")

        threading.Thread(target=save).start()
        started = time.monotonic()
        second = json.loads(get(server, "/state?since=" + first["version"])[1])
        assert time.monotonic() - started < 5
        assert second["version"] != first["version"]
        assert "OBJECTION" in second["svg"] and "OBJECTION" not in first["svg"]
        assert "AM201" in {d["code"] for d in second["diagnostics"]}

    @pytest.mark.parametrize(
        "path",
        [
            "/../../etc/passwd",
            "/..%2f..%2fetc%2fpasswd",
            "/library.arg",
            "/state/../library.arg",
            "//etc/passwd",
            "/app.js/../../x",
        ],
    )
    def test_nothing_else(self, served, path):
        """Any other path is 404: no URL names a file."""
        server, _ = served
        answer = raw(server, f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{server.server_address[1]}\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.0 404") and b"conclusion" not in answer

    def test_other_hosts_refused(self, served):
        """A request for another host name (DNS rebinding) is refused."""
        server, _ = served
        response, body = get(server, "/state", host=f"attacker.example:{server.server_address[1]}")
        assert response.status == 421 and b"svg" not in body
        assert get(server, "/", host=f"localhost:{server.server_address[1]}")[0].status == 200

    def test_only_get(self, served):
        """Other methods are refused."""
        server, _ = served
        answer = raw(
            server,
            f"POST /state HTTP/1.0\r\nHost: 127.0.0.1:{server.server_address[1]}\r\nContent-Length: 0\r\n\r\n".encode(),
        )
        assert answer.startswith(b"HTTP/1.0 501")


class TestPreview:
    """Preview: what the page shows."""

    def test_syntax_error_keeps_last_drawing(self, tmp_path):
        """A mistake in the file shows the error and the last drawing, marked stale."""
        path = tmp_path / "m.arg"
        path.write_text(MAP)
        preview = Preview(path)
        good = preview.state()
        path.write_text(MAP + "  premis: typo\n")
        bad = preview.state()
        assert bad["stale"] and bad["svg"] == good["svg"] and bad["error"]
        assert bad["diagnostics"][0]["code"] == "AM001" and bad["diagnostics"][0]["line"] == 4

    def test_missing_file(self, tmp_path):
        """A file that goes away is reported, not raised."""
        path = tmp_path / "m.arg"
        path.write_text(MAP)
        preview = Preview(path)
        preview.state()
        path.unlink()
        state = preview.state()
        assert state["error"].startswith("cannot read m.arg") and state["stale"]

    def test_drawn_once_per_change(self, tmp_path, monkeypatch):
        """The map is drawn again only when the file changes."""
        path = tmp_path / "m.arg"
        path.write_text(MAP)
        preview = Preview(path)
        calls = []
        import argmap.draw

        real = argmap.draw.render
        monkeypatch.setattr(argmap.draw, "render", lambda *a, **k: calls.append(1) or real(*a, **k))
        for _ in range(3):
            preview.state()
        assert len(calls) == 1

    def test_wait_times_out(self, tmp_path):
        """Without a change, a waiting request ends after its timeout."""
        path = tmp_path / "m.arg"
        path.write_text(MAP)
        preview = Preview(path)
        version = preview.state()["version"]
        started = time.monotonic()
        assert preview.wait_for_change(version, timeout=0.3)["version"] == version
        assert 0.25 < time.monotonic() - started < 2


class TestIdleConnections:
    """Issue 16: serve had no idle timeout and no thread cap; 1,000 idle sockets held
    1,000 threads indefinitely."""

    def test_idle_connections_beyond_the_cap_are_closed_and_threads_stay_few(self, served):
        from argmap.teaching.serve import MAX_CONNECTIONS

        server, _ = served
        before = threading.active_count()
        sockets = [
            socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10)
            for _ in range(MAX_CONNECTIONS + 20)
        ]
        try:
            time.sleep(1.0)
            assert threading.active_count() - before <= MAX_CONNECTIONS
            assert sockets[-1].recv(1) == b""  # closed at once: no slot for it
        finally:
            for connection in sockets:
                connection.close()
        deadline = time.monotonic() + 20
        while threading.active_count() > before and time.monotonic() < deadline:
            time.sleep(0.1)
        response, _ = get(server, "/")
        assert response.status == 200  # the slots are free again

    def test_an_idle_connection_is_closed_after_the_idle_time(self, served, monkeypatch):
        server, _ = served
        monkeypatch.setattr(server.RequestHandlerClass, "timeout", 0.5)
        connection = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=10)
        try:
            started = time.monotonic()
            assert connection.recv(1) == b""
            assert time.monotonic() - started < 8
        finally:
            connection.close()
