"""WebSub publish pings: tell the configured hub which feeds changed.

The WebSub recommendation leaves the publisher-to-hub call to the hub; the
form ``hub.mode=publish`` + ``hub.url=<feed>`` is what public hubs accept.
One request per feed, a few at a time, each with a timeout: a slow or broken
hub delays publishing by seconds at most and never fails it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

USER_AGENT = "WartaKIM/0.1 (pemberitahuan WebSub)"


@dataclass(frozen=True)
class PingResult:
    """Outcome of pinging the hub about one feed."""

    topic: str
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        """Hubs answer 2xx (usually 204 No Content) when they accept a ping."""
        return self.status is not None and 200 <= self.status < 300


def ping_hub(hub: str, topics: list[str], *, timeout: float = 10.0, workers: int = 4) -> list[PingResult]:
    """POST one publish notification per topic URL; never raises for HTTP or network errors."""
    with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False) as client:

        def ping(topic: str) -> PingResult:
            try:
                response = client.post(hub, data={"hub.mode": "publish", "hub.url": topic})
            except httpx.HTTPError as error:
                return PingResult(topic, None, f"{type(error).__name__}: {error}")
            return PingResult(topic, response.status_code)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(ping, topics))
