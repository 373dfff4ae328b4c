"""The editor's configuration is made again only when what it is made from changed.

At 10,000 articles and 1,000 KIMs the YAML of ``config.yml`` (one collection
per KIM, every desa of the registry) takes about 1.7 s to emit, on every
build. It depends only on the network data (``_data/``, every ``kim.yml``),
the public address and this plugin's code, which
:func:`warta_core.check_cache.context_digest` and a digest of this
package's files sum up; the text is kept in ``CACHE_PATH`` under that key.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable

from warta_core.atomic import write_atomically
from warta_core.check_cache import context_digest, package_sources, update_with_files
from warta_core.network import Network

CACHE_FILE = "warta-admin-config.json"


def config_key(network: Network, site_url: str) -> str:
    """Digest of everything ``config.yml`` is made from."""
    digest = hashlib.sha1(context_digest(network).encode())
    update_with_files(digest, package_sources(__file__))
    digest.update(site_url.encode())
    return digest.hexdigest()


def cached_config(cache_dir: str | None, key: str, make: Callable[[], str]) -> str:
    """The configuration text for ``key``: from the cache, else made and kept."""
    path = os.path.join(cache_dir, CACHE_FILE) if cache_dir else None
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
            if stored.get("key") == key and isinstance(stored.get("yaml"), str):
                return stored["yaml"]
        except (OSError, ValueError, AttributeError):
            pass
    text = make()
    if path:
        write_atomically(path, json.dumps({"key": key, "yaml": text}).encode())
    return text
