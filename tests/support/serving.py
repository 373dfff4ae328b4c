"""Shared by tests in several folders (moved from ``test_serving``)."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
from pathlib import Path

from support.site import CODE_PATH, ROOT


class Served:
    """A running ``kim sajikan`` and a way to send it raw requests."""

    def __init__(self, folder: Path, host: str = "127.0.0.1") -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "warta_cli.main", "serve", "--host", host, "--port", "0", "--output", str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": CODE_PATH},
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        assert first.startswith("Portal tersedia di http://"), first + self.process.stderr.read()
        self.port = int(first.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])

    def request(self, path: str, host: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        """Send one request with ``host`` as the Host header (default: 127.0.0.1:port)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=10)
        return self.process.returncode, out
