"""What a build's output depends on, so unchanged pages can be skipped.

A page's fingerprint (an article's digest, a listing page's items, a feed's
items) is combined with the build-wide digest computed here (code, theme,
settings, network data); ``store.PageStore`` remembers them per output folder.
Content folders that only some pages show are left out of the digest and
fingerprinted by those pages instead: the partner cache (``_mitra/``) is in
the fingerprint of every page with partner news (``warta_partners.index``),
so a fetch re-renders those pages only.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

SETTINGS_THAT_SHAPE_PAGES = (
    "SITEURL", "FEED_DOMAIN", "RELATIVE_URLS", "THEME_STATIC_DIR", "DEFAULT_PAGINATION", "PAGINATED_TEMPLATES",
    "PAGINATION_PATTERNS", "FEED_MAX_ITEMS", "WARTA_SUMMARY_LENGTH", "ARTICLE_URL", "PAGE_URL", "JINJA_ENVIRONMENT",
)  # fmt: skip
# Settings naming content folders whose pages fingerprint what they show of them (not in the build digest).
FOLDERS_FINGERPRINTED_BY_PAGES = ("WARTA_MITRA_CACHE_DIR",)
# Folders that shape no page: bytecode, and the web editor's npm packages (theme/admin/node_modules: 3,700 files
# of the extensions below, walked on every build; warta_admin copies its bundle into /admin/ on its own).
NOT_CODE = frozenset({"__pycache__", "node_modules"})
CODE_EXTENSIONS = (".py", ".html", ".css", ".json", ".yml", ".yaml", ".csv", ".svg", ".png")


def _hash_tree(
    digest: Any, root: str, extensions: tuple[str, ...] = CODE_EXTENSIONS, skip: frozenset[str] = frozenset()
) -> None:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in NOT_CODE and os.path.normpath(os.path.join(folder, d)) not in skip
        )
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
    skip = frozenset(
        os.path.normpath(os.path.join(content, settings[key]))
        for key in FOLDERS_FINGERPRINTED_BY_PAGES
        if settings.get(key)
    )
    for name in sorted(os.listdir(content)):
        path = os.path.join(content, name)
        if name.startswith("_") and os.path.isdir(path) and os.path.normpath(path) not in skip:
            _hash_tree(digest, path, extensions=("",), skip=skip)
    return digest.hexdigest()
