"""The one validation of every Warta KIM plugin's settings, against their schemas.

:func:`validate_settings` (warta_network's ``initialized`` receiver; ``kim
check`` and ``kim ambil`` call it too) fills in the defaults of every plugin
listed in ``PLUGINS`` (and the Pelican settings a plugin derives from its
options, ``derived_settings(settings)`` in its settings module), reads renamed keys with a deprecation warning, warns
about unknown ``WARTA_*`` keys with a did-you-mean, and raises one
:class:`~warta_core.config_options.SettingsError` listing every problem,
naming the settings file in use. The option types are in :mod:`warta_core.config_options`.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import logging
import os
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from pelican.settings import read_settings

from warta_core.config_options import (
    DEFAULT_SETTINGS_FILE,
    NAMESPACE,
    SETTINGS_FILE_KEY,
    Invalid,
    Option,
    SettingsError,
)
from warta_core.problems import ERROR, WARNING, Problem, ProblemList
from warta_core.text import closest

logger = logging.getLogger("warta_network")
CORE_PLUGIN = "warta_network"  # its schema is always checked: every other plugin needs it


def plugin_schemas(plugins: Iterable[Any]) -> dict[str, ModuleType]:
    """The ``settings`` module (declaring ``PREFIX`` and ``SCHEMA``) of each Warta KIM plugin listed, in order."""
    names = [plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "") for plugin in plugins]
    found = {}
    for name in dict.fromkeys([CORE_PLUGIN, *names]):
        if not name.startswith("warta_"):
            continue  # other people's plugins keep their own settings
        spec = importlib.util.find_spec(name)
        folders = (spec.submodule_search_locations or []) if spec else []
        if any(os.path.isfile(os.path.join(folder, "settings.py")) for folder in folders):
            module = importlib.import_module(f"{name}.settings")
            if hasattr(module, "SCHEMA"):
                found[name] = module
    return found


def settings_file(settings: dict[str, Any]) -> str:
    """The settings file the messages name: the one ``kim`` was given, else ``pelicanconf.py``."""
    return settings.get(SETTINGS_FILE_KEY) or DEFAULT_SETTINGS_FILE


def _assignment_lines(path: str) -> dict[str, int]:
    """Line of the last top-level assignment of each name in the settings file (empty if unreadable)."""
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return {}
    lines = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            for name in ast.walk(target) if target is not None else ():
                if isinstance(name, ast.Name):
                    lines[name.id] = node.lineno
    return lines


def _apply(option: Option, settings: dict[str, Any], problems: ProblemList, path: str, lines: dict) -> None:
    """Read one option (or its old name), fill in its default, record what is wrong."""
    written = option.name
    for old in option.renamed_from:
        if old not in settings:
            continue
        if option.name in settings:
            hint = f"{old} adalah nama lama; hapus barisnya."
            problems.add(path, f"{old} dan {option.name} sama-sama diisi.", hint, lines.get(old))
            continue
        written, settings[option.name] = old, settings[old]
        hint = "Ganti namanya di berkas pengaturan; nama lama masih dibaca untuk sementara."
        problems.add(path, f"{old} sudah berganti nama menjadi {option.name}.", hint, lines.get(old), WARNING)
    try:
        settings[option.name] = option.check(settings.setdefault(option.name, option.default), written)
    except Invalid as invalid:
        problems.add(path, invalid.message, invalid.hint, lines.get(written), ERROR)


def check_settings(settings: dict[str, Any], plugins: Iterable[Any] | None = None) -> ProblemList:
    """Fill in every default and return every problem of the settings of ``plugins`` (default: ``PLUGINS``)."""
    path = settings_file(settings)
    lines = _assignment_lines(path) if SETTINGS_FILE_KEY in settings else {}
    problems = ProblemList()
    known: list[str] = []
    listed = (settings.get("PLUGINS") or ()) if plugins is None else plugins
    modules = plugin_schemas(listed).values()
    for module in modules:
        for option in module.SCHEMA:
            known += [option.name, *option.renamed_from]
            _apply(option, settings, problems, path, lines)
    if not problems.errors:
        for module in modules:  # settings a plugin derives from its options (e.g. Pelican's PAGINATED_TEMPLATES)
            derive = getattr(module, "derived_settings", None)
            settings.update(derive(settings) if derive else {})
    for key in sorted(k for k in settings if k.startswith(NAMESPACE) and k not in known):
        # Compared without the shared prefix, which would make every WARTA_ name look alike.
        close = closest(key.removeprefix(NAMESPACE), [name.removeprefix(NAMESPACE) for name in known])
        listed = "Periksa ejaannya (daftarnya di docs/reference/settings.md)."
        hint = f'Mungkin maksud Anda "{NAMESPACE}{close}"?' if close else listed
        problems.add(path, f"{key} tidak dikenal dan diabaikan.", hint, lines.get(key), WARNING)
    return problems


def format_settings_report(problems: list[Problem]) -> str:
    """One Indonesian report of settings problems, in file and line order."""
    errors = sum(1 for problem in problems if problem.severity == ERROR)
    warnings = len(problems) - errors
    files = ", ".join(dict.fromkeys(problem.path for problem in problems))
    if errors:
        counts = f"{errors} masalah" + (f" dan {warnings} peringatan" if warnings else "")
        lines = [f"Pengaturan di {files} tidak dapat dipakai: {counts}."]
    else:
        lines = [f"Pengaturan di {files}: {warnings} peringatan."]
    lines += [f"  {p.format()}" for p in sorted(problems, key=lambda p: (p.path, p.line or 0))]
    if errors:
        lines.append("Perbaiki pengaturan di atas, lalu jalankan perintahnya lagi.")
    return "\n".join(lines)


def validate_settings(settings: dict[str, Any], plugins: Iterable[Any] | None = None) -> None:
    """Check every plugin's settings; log the warnings, or raise one :class:`SettingsError` listing all."""
    problems = check_settings(settings, plugins)
    if problems.errors:
        raise SettingsError("\n" + format_settings_report(problems.items), problems.items)
    for warning in problems.warnings:
        logger.warning("warta_network: %s", warning.format())


def read_settings_file(path: str, override: dict[str, Any] | None = None) -> dict[str, Any]:
    """Pelican's ``read_settings``, remembering ``path`` for messages; a broken file is a SettingsError."""
    if not os.path.isfile(path):
        raise SettingsError(f"Berkas pengaturan '{path}' tidak ditemukan. Periksa pilihan --pengaturan.")
    try:
        return read_settings(path, override={SETTINGS_FILE_KEY: path, **(override or {})})
    except SyntaxError as error:
        where = f"{error.filename or path}:{error.lineno}" if error.lineno else path
        raise SettingsError(f"{where}: berkas pengaturan tidak dapat dibaca: {error.msg}.") from None
    except Exception as error:  # the file is the user's Python: any failure is reported, not a traceback
        raise SettingsError(f"{path}: berkas pengaturan gagal dijalankan: {type(error).__name__}: {error}") from None
