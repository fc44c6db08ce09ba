"""A very small WebDriver client for the browser tests: headless Chromium driven by
chromedriver over its HTTP protocol, with nothing but the standard library.

Chromium runs with a fresh profile and without background networking, sync or
component updates, so a test talks to nothing but the pages it opens.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER_CANDIDATES = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


def chromedriver() -> str | None:
    """The path of chromedriver, if installed."""
    for candidate in CHROMEDRIVER_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromedriver")


def available() -> bool:
    """Whether the browser tests can run here."""
    return Path(CHROMIUM).exists() and chromedriver() is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BrowserError(RuntimeError):
    """WebDriver answered with an error."""


class Browser:
    """One headless Chromium session."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 900) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [chromedriver(), f"--port={self.port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                if self._call("GET", "/status")["value"].get("ready"):
                    break
            except (OSError, BrowserError):
                pass
            if time.monotonic() > deadline:
                self.process.kill()
                raise BrowserError("chromedriver did not start")
            time.sleep(0.1)
        options = {
            "binary": CHROMIUM,
            "args": [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"],
        }
        answer = self._call(
            "POST",
            "/session",
            {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}},
        )
        self.session = answer["value"]["sessionId"]

    def _call(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise BrowserError(error.read().decode("utf-8", "replace")[:2000]) from None

    def _session(self, method: str, path: str, body: dict | None = None):
        return self._call(method, f"/session/{self.session}{path}", body)["value"]

    def open(self, url: str) -> None:
        """Load *url* and wait for the page to load."""
        self._session("POST", "/url", {"url": url})

    def run(self, script: str, *args):
        """Run JavaScript in the page (a function body; ``arguments`` holds *args*)."""
        return self._session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script: str, *args, timeout: float = 60.0):
        """Run asynchronous JavaScript in the page: the script calls its last
        argument with the result."""
        self._session("POST", "/timeouts", {"script": int(timeout * 1000)})
        return self._session("POST", "/execute/async", {"script": script, "args": list(args)})

    def _element(self, css: str) -> dict:
        return self._session("POST", "/element", {"using": "css selector", "value": css})

    def click(self, css: str) -> None:
        """Click the middle of the first element matching *css*, as a user would."""
        element = next(iter(self._element(css).values()))
        self._session("POST", f"/element/{element}/click", {})

    def click_corner(self, css: str, inset: float = 3.0) -> None:
        """Click just inside the top left corner of the first element matching *css*,
        as a user would click an empty part of a large element (its middle may lie
        under something else)."""
        left, top = self.run(
            "var r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top];", css
        )
        x, y = round(left + inset), round(top + inset)
        pointer = [
            {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        self._session("POST", "/actions", {"actions": [{"type": "pointer", "id": "mouse", "actions": pointer}]})

    def hover(self, css: str) -> None:
        """Move the mouse onto the middle of the first element matching *css*."""
        element = self._element(css)
        self._session(
            "POST",
            "/actions",
            {
                "actions": [
                    {
                        "type": "pointer",
                        "id": "mouse",
                        "actions": [{"type": "pointerMove", "duration": 0, "origin": element, "x": 0, "y": 0}],
                    }
                ]
            },
        )

    def wait_for(self, script: str, *args, timeout: float = 15.0):
        """Run *script* until it returns something truthy; return that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.run(script, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for: {script}")
            time.sleep(0.1)

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the window."""
        path.write_bytes(base64.b64decode(self._session("GET", "/screenshot")))
        return path

    def resize(self, width: int, height: int) -> None:
        """Make the window this size."""
        self._session("POST", "/window/rect", {"width": width, "height": height})

    def close(self) -> None:
        """End the session and chromedriver."""
        with contextlib.suppress(OSError, BrowserError):
            self._session("DELETE", "")
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
