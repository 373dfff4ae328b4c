"""The files of ``/admin/``: the page, Decap's bundle, our script and the configuration.

The bundle is copied from the npm package installed by ``make setup``
(``theme/admin``), so the editor needs no CDN. Without it (no npm on the
machine) the page says so in Indonesian instead of failing the build, unless
``WARTA_ADMIN_REQUIRE_BUNDLE`` is set.
"""

from __future__ import annotations

import html
import os
import re
import shutil

ADMIN_DIR = "admin"
STATIC = os.path.join(os.path.dirname(__file__), "static")
SCRIPTS = ("bahasa-id.js", "penyunting.js")  # the Indonesian locale, then our format and Decap's start
# decap-cms.js loads numbered chunks and WebAssembly files from its own folder (webpack's automatic publicPath).
BUNDLE_FILES = re.compile(r"^(decap-cms\.js|decap-cms\.js\.LICENSE\.txt|\d+\.decap-cms\.js|[0-9a-f]+\.wasm)$")

_EDITOR_PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Penyunting berita — {name}</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
<script src="bahasa-id.js"></script>
<script src="penyunting.js"></script>
<script src="decap-cms.js"></script>
</head>
<body>
<noscript>
<p>Penyunting berita memerlukan JavaScript. Nyalakan JavaScript di peramban Anda,
atau kirim berita lewat git seperti dijelaskan di <a href="../panduan/">Panduan Menulis</a>.</p>
</noscript>
</body>
</html>
"""

_MISSING_PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Penyunting berita belum dipasang — {name}</title>
</head>
<body>
<main>
<h1>Penyunting berita belum dipasang</h1>
<p>Portal ini dibangun tanpa penyunting web (Decap CMS). Pengelola jaringan perlu memasang Node.js dan npm,
menjalankan <code>make setup</code>, lalu membangun ulang portal.</p>
<p>Sementara itu, berita tetap bisa dikirim lewat git: lihat <a href="../panduan/">Panduan Menulis</a>.</p>
</main>
</body>
</html>
"""


def bundle_files(decap_dir: str) -> list[str]:
    """Names of the bundle files to publish; empty when ``decap-cms.js`` is not installed."""
    if not os.path.isfile(os.path.join(decap_dir, "decap-cms.js")):
        return []
    return sorted(name for name in os.listdir(decap_dir) if BUNDLE_FILES.match(name))


def write_admin(output_path: str, network_name: str, config_text: str, decap_dir: str) -> list[str]:
    """Write ``output/admin/``; return the bundle files copied (empty: explanatory page only)."""
    target = os.path.join(output_path, ADMIN_DIR)
    os.makedirs(target, exist_ok=True)
    files = bundle_files(decap_dir)
    for name in files:
        shutil.copyfile(os.path.join(decap_dir, name), os.path.join(target, name))
    page = _EDITOR_PAGE if files else _MISSING_PAGE
    for name in SCRIPTS if files else ():
        shutil.copyfile(os.path.join(STATIC, name), os.path.join(target, name))
    with open(os.path.join(target, "config.yml"), "w", encoding="utf-8") as handle:
        handle.write(config_text)
    with open(os.path.join(target, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(page.format(name=html.escape(network_name)))
    return files
