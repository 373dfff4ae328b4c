"""``host:port`` lists as a typed option (``WARTA_MITRA_LOCAL_ALLOWLIST``), beside the other options' module."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from .config_options import Invalid, Literal, Option


@dataclass(frozen=True)
class HostPortList(Option):
    """A list of ``host:port`` strings (``["127.0.0.1:8765"]``); kept as a tuple, hosts in lower case.

    A host is a dotted IPv4 address, an IPv6 address in brackets or a host name; its port is 1–65535.
    Every bad entry is named in the one message.
    """

    example = "['127.0.0.1:8765']"
    _NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*")

    @classmethod
    def split(cls, entry: Any) -> tuple[str, int]:
        """``(host, port)`` of one entry (IPv6 without brackets); raises :class:`Invalid` saying what is wrong."""
        if not isinstance(entry, str):
            raise Invalid(f"bukan teks host:port, tetapi {entry!r}")
        text = entry.strip().lower()
        host, colon, port = text.rpartition(":")
        if not colon or not host:
            raise Invalid("portnya tidak ada" if text else "kosong")
        if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
            raise Invalid(f"port harus angka 1–65535, tetapi berisi {port!r}")
        if host.startswith("[") and host.endswith("]"):
            try:
                return str(ipaddress.IPv6Address(host[1:-1])), int(port)
            except ValueError:
                raise Invalid(f"{host} bukan alamat IPv6 yang sah") from None
        if ":" in host:
            raise Invalid("alamat IPv6 harus di dalam kurung siku, misalnya '[::1]:8765'")
        host = host.removesuffix(".")
        if host.replace(".", "").isdigit() or host.rsplit(".", 1)[-1][:1].isdigit():
            try:
                return str(ipaddress.IPv4Address(host)), int(port)
            except ValueError:
                raise Invalid(f"{host} bukan alamat IPv4 biasa (tulis empat angka, misalnya 127.0.0.1)") from None
        if not cls._NAME.fullmatch(host):
            raise Invalid(f"nama host {host!r} tidak sah")
        return host, int(port)

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, list | tuple)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return f"daftar teks host:port, misalnya {self.example}"

    def accepts_doc(self) -> str:  # noqa: D102
        return "list of `host:port`"

    def show_default(self) -> str:  # noqa: D102
        return f"`{list(self.default)!r}`"  # written as a list in settings files; kept as a tuple

    def hint(self, value: Any, literal: Literal = repr) -> str:  # noqa: D102
        return f"Tulis setiap isian sebagai host:port, misalnya {self.name} = {self.example}, atau hapus barisnya."

    def check(self, value: Any, key: str = "", literal: Literal = repr) -> Any:  # noqa: D102
        checked = super().check(value, key, literal)
        if checked is None:
            return None
        problems, kept = [], []
        for number, entry in enumerate(checked, start=1):
            try:
                host, port = self.split(entry)
            except Invalid as invalid:
                problems.append(f"isian ke-{number} ({entry!r}) {invalid.message}")
                continue
            kept.append(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")
        if problems:
            raise Invalid(f"{key or self.name}: " + "; ".join(problems) + ".", self.hint(value))
        return tuple(kept)
