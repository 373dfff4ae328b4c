"""How the ``kim`` command prints log records: in Indonesian, each plugin's name once.

Plugins prefix their log lines with their name (``warta_network: …``, the
house style, so a bare ``pelican`` run names them too). Python's usual
``%(levelname)s %(name)s: %(message)s`` printed ``WARNING warta_network:
warta_network: …``: English, and the name twice. Here a record is printed as
its message, the logger's name added only when the message lacks it, and the
level in Indonesian only where the message does not already say it (the
check's reports mark each warning "(peringatan)").
"""

from __future__ import annotations

import logging

LEVEL_LABELS = {logging.WARNING: "peringatan", logging.ERROR: "galat", logging.CRITICAL: "galat"}


class IndonesianFormatter(logging.Formatter):
    """``peringatan: warta_partners: …`` rather than ``WARNING warta_partners: warta_partners: …``."""

    def format(self, record: logging.LogRecord) -> str:
        """The message with the plugin's name once, and an Indonesian level where the message has none."""
        message = super().format(record)
        plugin = record.name.split(".")[0]
        if record.name != "root" and not message.startswith(f"{plugin}:"):
            message = f"{plugin}: {message}"
        label = LEVEL_LABELS.get(record.levelno, "")
        first_line = message.split("\n", 1)[0].lower()
        if label and label not in first_line and "peringatan" not in first_line:
            message = f"{label}: {message}"
        return message


def setup_logging(level: int = logging.WARNING) -> None:
    """Print warnings and errors on stderr through :class:`IndonesianFormatter` (once per process)."""
    handler = logging.StreamHandler()
    handler.setFormatter(IndonesianFormatter("%(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
