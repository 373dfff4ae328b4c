"""What a build's output depends on, so unchanged pages can be skipped.

A page's fingerprint (an article's digest, a listing page's items, a feed's
items) is combined with the build-wide digest computed here (code, theme,
settings, network data); ``store.PageStore`` remembers them per output folder.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

SETTINGS_THAT_SHAPE_PAGES = (
    "SITEURL", "FEED_DOMAIN", "RELATIVE_URLS", "THEME_STATIC_DIR", "DEFAULT_PAGINATION", "PAGINATED_TEMPLATES",
    "PAGINATION_PATTERNS", "FEED_MAX_ITEMS", "WARTA_SUMMARY_LENGTH", "ARTICLE_URL", "PAGE_URL", "JINJA_ENVIRONMENT",
)  # fmt: skip
CODE_EXTENSIONS = (".py", ".html", ".css", ".json", ".yml", ".yaml", ".csv", ".svg", ".png")


def _hash_tree(digest: Any, root: str, extensions: tuple[str, ...] = CODE_EXTENSIONS) -> None:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if name.endswith(extensions):
                path = os.path.join(folder, name)
                digest.update(path.encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())


def build_digest(settings: dict[str, Any]) -> str:
    """Digest of everything that shapes every page: plugins, theme, settings, network data."""
    digest = hashlib.sha1()
    plugins_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    _hash_tree(digest, plugins_root)
    _hash_tree(digest, settings["THEME"])
    digest.update(repr([(key, settings.get(key)) for key in SETTINGS_THAT_SHAPE_PAGES]).encode())
    content = settings["PATH"]
    for name in sorted(os.listdir(content)):
        if name.startswith("_") and os.path.isdir(os.path.join(content, name)):
            _hash_tree(digest, os.path.join(content, name), extensions=("",))
    return digest.hexdigest()
