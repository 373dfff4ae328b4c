"""Command-line options several ``kim`` commands share, declared once."""

from __future__ import annotations

import argparse

from warta_core.config_options import DEFAULT_SETTINGS_FILE

PUBLISH_SETTINGS_FILE = "publishconf.py"  # pelicanconf.py plus the public address (docs/user-guide/publishing.md)


def add_settings_option(parser: argparse.ArgumentParser, default: str | None = DEFAULT_SETTINGS_FILE) -> None:
    """``--pengaturan FILE``: the Pelican settings file (``args.settings``); None lets the command decide."""
    shown = default or DEFAULT_SETTINGS_FILE
    parser.add_argument(
        "--pengaturan",
        dest="settings",
        default=default,
        metavar="BERKAS",
        help=f"berkas pengaturan Pelican, diperiksa seperti saat membangun (bawaan: {shown})",
    )
