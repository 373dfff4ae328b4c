"""The files of ``/admin/``: the page, Decap's bundle, our script and the configuration.

The bundle is copied from the npm package installed by ``make setup``
(``theme/admin``), so the editor needs no CDN. Without it (no npm on the
machine) the page says so in Indonesian instead of failing the build, unless
``WARTA_ADMIN_REQUIRE_BUNDLE`` is set. Both pages are theme templates
(``theme/templates/admin/``), standalone (they extend nothing: no site
navigation around the editor), rendered with the theme's Jinja settings.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

from jinja2 import Environment, FileSystemLoader

ADMIN_DIR = "admin"
STATIC = os.path.join(os.path.dirname(__file__), "static")
SCRIPTS = ("bahasa-id.js", "penyunting.js")  # the Indonesian locale, then our format and Decap's start
# decap-cms.js loads numbered chunks and WebAssembly files from its own folder (webpack's automatic publicPath).
BUNDLE_FILES = re.compile(r"^(decap-cms\.js|decap-cms\.js\.LICENSE\.txt|\d+\.decap-cms\.js|[0-9a-f]+\.wasm)$")
EDITOR_TEMPLATE = "admin/editor.html"
MISSING_TEMPLATE = "admin/editor_missing.html"  # no bundle: what to install


def bundle_files(decap_dir: str) -> list[str]:
    """Names of the bundle files to publish; empty when ``decap-cms.js`` is not installed."""
    if not os.path.isfile(os.path.join(decap_dir, "decap-cms.js")):
        return []
    return sorted(name for name in os.listdir(decap_dir) if BUNDLE_FILES.match(name))


def theme_environment(settings: dict[str, Any]) -> Environment:
    """Jinja as Pelican's generators set it up: theme overrides before the theme, ``JINJA_ENVIRONMENT``'s options.

    ``finalized`` has no generator left whose environment could be borrowed. Autoescape stays on even if a
    settings file drops it: the network's name goes into the page.
    """
    paths = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), os.path.join(settings["THEME"], "templates")]
    return Environment(loader=FileSystemLoader(paths), **{**settings["JINJA_ENVIRONMENT"], "autoescape": True})


def admin_page(settings: dict[str, Any], network_name: str, with_bundle: bool) -> str:
    """The text of ``/admin/index.html``: the editor, or the page saying that it is not installed."""
    template = theme_environment(settings).get_template(EDITOR_TEMPLATE if with_bundle else MISSING_TEMPLATE)
    # Jinja drops a template's final newline (keep_trailing_newline is off, as for every page); keep the file's.
    return template.render(name=network_name, scripts=[*SCRIPTS, "decap-cms.js"]) + "\n"


def write_admin(settings: dict[str, Any], network_name: str, config_text: str, decap_dir: str) -> list[str]:
    """Write ``output/admin/``; return the bundle files copied (empty: explanatory page only)."""
    target = os.path.join(settings["OUTPUT_PATH"], ADMIN_DIR)
    os.makedirs(target, exist_ok=True)
    files = bundle_files(decap_dir)
    for name in files:
        shutil.copyfile(os.path.join(decap_dir, name), os.path.join(target, name))
    for name in SCRIPTS if files else ():
        shutil.copyfile(os.path.join(STATIC, name), os.path.join(target, name))
    with open(os.path.join(target, "config.yml"), "w", encoding="utf-8") as handle:
        handle.write(config_text)
    with open(os.path.join(target, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(admin_page(settings, network_name, bool(files)))
    return files
