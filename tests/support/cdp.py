"""A small Chrome DevTools Protocol client for driving Debian's headless Chromium in tests.

Only ``/usr/bin/chromium`` is used (never a downloaded browser) and only
127.0.0.1 is contacted. The browser is started with ``--remote-debugging-port=0``;
its port is read from ``DevToolsActivePort`` in the fresh profile, and one page
is driven over a flattened target session with the ``websockets`` package.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

from support.browser import CHROMIUM, HEADLESS_FLAGS

FLAGS = (
    *HEADLESS_FLAGS,
    "--disable-extensions",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1280,900",
)


class CdpError(RuntimeError):
    """A protocol error, a JavaScript exception, or a wait that timed out."""


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, work: Path, timezone: str = "Asia/Jakarta") -> None:
        self.profile = work / "chromium-profil"
        self.profile.mkdir(parents=True)
        self.log = work / "chromium.log"
        self.timezone = timezone
        self.process: subprocess.Popen | None = None
        self.socket: ClientConnection | None = None
        self.session = ""
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.stack = contextlib.ExitStack()

    def __enter__(self) -> Browser:
        command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "TZ": self.timezone}
            )
        port, path = self._devtools_address()
        self.socket = self.stack.enter_context(connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=10))
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=None)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=None)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime"):
            self.call(f"{domain}.enable")
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _devtools_address(self, timeout: float = 30) -> tuple[str, str]:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                log = self.log.read_text(errors="replace")
                raise CdpError(f"chromium exited with {self.process.returncode}: {log}")
            if marker.exists():
                lines = marker.read_text().split()
                if len(lines) >= 2:
                    return lines[0], lines[1]
            time.sleep(0.05)
        raise CdpError(f"chromium wrote no DevToolsActivePort within {timeout} s")

    def call(self, method: str, params: dict | None = None, *, session: str | bool | None = True) -> dict:
        """Send one command and wait for its result; events received meanwhile are kept."""
        assert self.socket is not None
        message: dict[str, Any] = {"id": next(self.ids), "method": method, "params": params or {}}
        if session is True:
            message["sessionId"] = self.session
        elif session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv(timeout=60))
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def evaluate(self, expression: str) -> Any:
        """Value of a JavaScript expression in the page (promises awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CdpError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30, what: str = "") -> Any:
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(f"(value => value instanceof Node ? true : value)({expression})")
            if value:
                return value
            time.sleep(0.1)
        raise CdpError(f"timed out after {timeout} s waiting for {what or expression}\n{self.console()}")

    def wait_until(self, condition: Callable[[], bool], timeout: float = 30, what: str = "") -> None:
        """Poll a Python condition (a file appearing, say) while the page keeps running."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            self.evaluate("1")  # keeps protocol events flowing
            time.sleep(0.1)
        raise CdpError(f"timed out after {timeout} s waiting for {what}\n{self.console()}")

    def navigate(self, url: str) -> None:
        """Open ``url`` and wait for its load event."""
        self.call("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'", what=f"{url} to load")

    def click(self, selector_expression: str) -> None:
        """Click, with real mouse events, the element a JavaScript expression returns."""
        box = self.wait_for(
            f"""(() => {{
                const element = {selector_expression};
                if (!element) return null;
                element.scrollIntoView({{block: 'center'}});
                const r = element.getBoundingClientRect();
                const x = r.x + r.width / 2, y = r.y + r.height / 2;
                const hit = document.elementFromPoint(x, y);
                return r.width && r.height && hit && (element.contains(hit) || hit.contains(element)) ? {{x, y}} : null;
            }})()""",
            what=f"a visible element for {selector_expression}",
        )
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1}
            self.call("Input.dispatchMouseEvent", params)

    def focus(self, selector_expression: str) -> None:
        """Focus the element a JavaScript expression returns."""
        self.wait_for(f"(() => {{ const e = {selector_expression}; if (e) e.focus(); return !!e; }})()")

    def type(self, text: str) -> None:
        """Insert text at the caret, as an input method would."""
        self.call("Input.insertText", {"text": text})

    def press(self, key: str, code: int) -> None:
        """Press and release one key (Enter = 13, Escape = 27...)."""
        text = "\r" if key == "Enter" else ""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}
            if kind == "keyDown" and text:
                params["text"] = text
            self.call("Input.dispatchKeyEvent", params)

    def set_files(self, selector_expression: str, files: list[str]) -> None:
        """Give a file input the chosen files (what a file picker does)."""
        handle = self.call("Runtime.evaluate", {"expression": selector_expression})["result"]
        if "objectId" not in handle:
            raise CdpError(f"no element for {selector_expression}")
        self.call("DOM.setFileInputFiles", {"files": files, "objectId": handle["objectId"]})

    def console(self) -> str:
        """Console messages and exceptions seen so far (for failure reports)."""
        lines = []
        for event in self.events:
            if event.get("method") == "Runtime.consoleAPICalled":
                args = event["params"].get("args", [])
                lines.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
            elif event.get("method") == "Runtime.exceptionThrown":
                details = event["params"]["exceptionDetails"]
                lines.append("exception: " + str(details.get("exception", {}).get("description") or details))
        return "\n".join(lines[-30:])
