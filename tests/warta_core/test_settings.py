"""One settings schema: typed options with generated messages, every problem in one report, one error type.

The settings files are throw-away files in ``tmp_path`` that do
``from pelicanconf import *`` and change what the test is about, run through
the real ``kim`` commands; messages are asserted exactly.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import textwrap
from dataclasses import fields
from pathlib import Path

import pytest
from support.kim_inprocess import kim
from support.site import ROOT, article, build_content, make_network, run_kim

from warta_core import institutions, topics, verdicts, withdrawals
from warta_core.config_options import (
    Bool,
    Bytes,
    Choice,
    DateTime,
    Domain,
    Int,
    Invalid,
    Ratio,
    Seconds,
    SettingsError,
    Str,
    Url,
)
from warta_core.config_options import Path as PathOption
from warta_core.data_entries import DataEntries
from warta_network.settings_check import check_settings, plugin_schemas, validate_settings
from warta_partners import config as partner_config
from warta_partners.spider import FetchOptions, default_user_agent

PLUGINS = ["warta_network", "warta_partners", "warta_publish", "warta_admin"]
THREE_MISTAKES = """\
WARTA_SUMMARY_LENGTH = 0
WARTA_MITRA_PAGE_ITEMS = 0
WARTA_ADMIN_ENABLED = "ya"
WARTA_MITRA_PAGE_ITEM = 3
"""


def settings_file(folder: Path, body: str, name: str = "other.py") -> Path:
    """A settings file like a network's own: everything from pelicanconf.py, plus ``body`` (from line 6)."""
    path = folder / name
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n" + textwrap.dedent(body),
        encoding="utf-8",
    )
    return path


def assert_three_mistakes_and_the_typo(stderr: str, shown: str) -> None:
    assert "Traceback" not in stderr
    assert f"Pengaturan di {shown} tidak dapat dipakai: 3 masalah dan 1 peringatan." in stderr
    assert f"{shown}:6: WARTA_SUMMARY_LENGTH harus bilangan bulat 1 atau lebih, tetapi berisi 0." in stderr
    assert f"{shown}:7: WARTA_MITRA_PAGE_ITEMS harus bilangan bulat 1 atau lebih, tetapi berisi 0." in stderr
    assert f"{shown}:8: WARTA_ADMIN_ENABLED harus True atau False, tetapi berisi 'ya'." in stderr
    assert (
        f"{shown}:9: (peringatan) WARTA_MITRA_PAGE_ITEM tidak dikenal dan diabaikan. "
        'Mungkin maksud Anda "WARTA_MITRA_PAGE_ITEMS"?' in stderr
    )


def test_kim_build_reports_every_bad_setting_at_once_naming_the_file_used(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    settings_file(tmp_path, THREE_MISTAKES)
    built = run_kim("--konten", str(content), "build", "--pengaturan", "other.py", cwd=tmp_path)
    assert built.returncode == 1
    assert_three_mistakes_and_the_typo(built.stderr, "other.py")
    assert "Pembangunan dibatalkan" in built.stderr
    assert not (tmp_path / "output").exists()


def test_kim_check_refuses_what_the_build_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = make_network(tmp_path)
    settings_file(tmp_path, THREE_MISTAKES)
    monkeypatch.chdir(tmp_path)
    checked = kim("--konten", str(content), "check", "--pengaturan", "other.py")
    assert checked.returncode == 1
    assert_three_mistakes_and_the_typo(checked.stderr, "other.py")
    assert "Semua baik" not in checked.stdout


def test_kim_check_passes_good_settings_and_shows_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = make_network(tmp_path)
    settings_file(tmp_path, "WARTA_NOT_FOUND_LATEST = 3\n")
    monkeypatch.chdir(tmp_path)
    checked = kim("--konten", str(content), "check", "--pengaturan", "other.py")
    assert checked.returncode == 0, checked.stderr
    assert (
        "other.py:6: (peringatan) WARTA_NOT_FOUND_LATEST sudah berganti nama menjadi WARTA_PUBLISH_NOT_FOUND_LATEST."
        in checked.stderr
    )
    assert checked.stdout.startswith("Semua baik")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("WARTA_WORKERS = (\n", "other.py:6: berkas pengaturan tidak dapat dibaca: '(' was never closed."),
        ("raise RuntimeError('rusak')\n", "other.py: berkas pengaturan gagal dijalankan: RuntimeError: rusak"),
    ],
    ids=["syntax-error", "exception"],
)
def test_a_broken_settings_file_is_reported_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    content = make_network(tmp_path)
    settings_file(tmp_path, body)
    monkeypatch.chdir(tmp_path)
    for command in ("check", "build", "fetch"):
        result = kim("--konten", str(content), command, "--pengaturan", "other.py")
        assert result.returncode == 1, (command, result.stderr)
        assert expected in result.stderr, (command, result.stderr)


def test_kim_check_names_a_missing_settings_file(tmp_path: Path) -> None:
    checked = kim("--konten", str(make_network(tmp_path)), "check", "--pengaturan", str(tmp_path / "tidak-ada.py"))
    assert checked.returncode == 1
    assert f"Berkas pengaturan '{tmp_path / 'tidak-ada.py'}' tidak ditemukan." in checked.stderr


def test_kim_fetch_and_publish_refuse_bad_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    settings_file(tmp_path, "WARTA_MITRA_CONNECT_TIMEOUT = 0\nWARTA_SITE_SIZE_WARNING = 2\n")
    monkeypatch.chdir(tmp_path)
    fetched = kim("--konten", str(content), "fetch", "--pengaturan", "other.py")
    assert fetched.returncode == 1
    assert "other.py:6: WARTA_MITRA_CONNECT_TIMEOUT harus jumlah detik lebih dari 0, tetapi berisi 0." in fetched.stderr
    published = kim("--konten", str(content), "publish", "--pengaturan", "other.py", "--ke-folder", "situs")
    assert published.returncode == 1
    assert "other.py:7: WARTA_SITE_SIZE_WARNING harus pecahan lebih dari 0 dan paling besar 1" in published.stderr
    assert "WARTA_MITRA_CONNECT_TIMEOUT" in published.stderr  # the fetch setting is refused by the build too
    assert not (tmp_path / "situs").exists()


def test_preview_shows_the_settings_report_and_keeps_running(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from warta_cli.preview import Builder, ServedSite

    content = make_network(tmp_path)
    path = settings_file(tmp_path, "WARTA_ADMIN_ENABLED = 1\n")
    (tmp_path / "kerja").mkdir()
    builder = Builder(str(path), str(content), "http://127.0.0.1:1", ServedSite(str(tmp_path / "kerja")))
    assert builder.build() is None
    assert f"{path}:6: WARTA_ADMIN_ENABLED harus True atau False, tetapi berisi 1." in capsys.readouterr().out


def test_messages_say_pelicanconf_when_kim_did_not_name_a_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as failure:
        build_content(make_network(tmp_path), tmp_path / "output", WARTA_SUMMARY_LENGTH=0)
    assert "  pelicanconf.py: WARTA_SUMMARY_LENGTH harus bilangan bulat 1 atau lebih, tetapi berisi 0." in str(
        failure.value
    )


def test_renamed_keys_are_read_with_a_warning_and_both_names_is_an_error(caplog: pytest.LogCaptureFixture) -> None:
    settings = {"PLUGINS": PLUGINS, "WARTA_SITE_SIZE_LIMIT": 100_000}
    with caplog.at_level(logging.WARNING, logger="warta_network"):
        validate_settings(settings)
    assert settings["WARTA_PUBLISH_SITE_SIZE_LIMIT"] == 100_000
    assert "WARTA_SITE_SIZE_LIMIT sudah berganti nama menjadi WARTA_PUBLISH_SITE_SIZE_LIMIT." in caplog.text
    both = check_settings({"PLUGINS": PLUGINS, "WARTA_SITE_SIZE_LIMIT": 1, "WARTA_PUBLISH_SITE_SIZE_LIMIT": 2})
    assert [p.message for p in both.errors] == [
        "WARTA_SITE_SIZE_LIMIT dan WARTA_PUBLISH_SITE_SIZE_LIMIT sama-sama diisi."
    ]


def test_unknown_keys_only_warn_and_defaults_are_filled_in() -> None:
    settings = {"PLUGINS": PLUGINS, "WARTA_ADMIN_ENABLE": False, "WARTA_ZZZ": 1, "OTHER_PLUGIN_KEY": 1}
    problems = check_settings(settings)
    assert not problems.errors
    assert [(p.message, p.hint) for p in problems.warnings] == [
        ("WARTA_ADMIN_ENABLE tidak dikenal dan diabaikan.", 'Mungkin maksud Anda "WARTA_ADMIN_ENABLED"?'),
        (
            "WARTA_ZZZ tidak dikenal dan diabaikan.",
            "Periksa ejaannya (daftarnya di docs/reference/settings.md).",
        ),
    ]
    assert settings["WARTA_ADMIN_ENABLED"] is True and settings["WARTA_MITRA_CONNECT_TIMEOUT"] == 5.0


def test_only_listed_plugins_are_checked() -> None:
    problems = check_settings({"PLUGINS": ["warta_network"], "WARTA_MITRA_PAGE_ITEMS": 0})
    assert not problems.errors  # warta_partners is off: its key is unknown, not invalid
    assert [p.message for p in problems.warnings] == ["WARTA_MITRA_PAGE_ITEMS tidak dikenal dan diabaikan."]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (Int("K", 3, "d.", min=1), 0, "K harus bilangan bulat 1 atau lebih, tetapi berisi 0."),
        (Int("K", 3, "d.", min=1, max=5), 6, "K harus bilangan bulat antara 1 dan 5, tetapi berisi 6."),
        (Int("K", 3, "d."), True, "K harus bilangan bulat, tetapi berisi True."),
        (Bytes("K", 1024, "d."), "1 MB", "K harus jumlah bita 1 atau lebih, tetapi berisi '1 MB'."),
        (Seconds("K", 5.0, "d."), -1, "K harus jumlah detik lebih dari 0, tetapi berisi -1."),
        (Ratio("K", 0.8, "d."), 0, "K harus pecahan lebih dari 0 dan paling besar 1, misalnya 0.8, tetapi berisi 0."),
        (Bool("K", True, "d."), "ya", "K harus True atau False, tetapi berisi 'ya'."),
        (Str("K", None, "d.", nullable=True), 3, "K harus None atau teks, tetapi berisi 3."),
        (PathOption("K", "_x", "d."), " ", "K harus jalur berkas atau folder (teks, tidak kosong), tetapi berisi ' '."),
        (
            Url("K", "https://a.example", "d."),
            "a.example",
            "K harus alamat lengkap yang diawali http:// atau https://, tetapi berisi 'a.example'.",
        ),
        (
            Domain("K", "", "d."),
            "https://a.example/",
            "K harus nama domain tanpa https:// dan tanpa garis miring, "
            "misalnya warta.example.go.id (atau kosong), tetapi berisi 'https://a.example/'.",
        ),
        (
            Choice("K", "atom", "d.", choices=("atom", "rss")),
            "rs",
            "K harus salah satu dari: 'atom', 'rss', tetapi berisi 'rs'.",
        ),
        (
            DateTime("K", None, "d.", nullable=True),
            "2024-01-01",
            "K harus None atau tanggal dan jam (datetime.datetime), tetapi berisi '2024-01-01'.",
        ),
    ],
    ids=lambda case: type(case).__name__ if not isinstance(case, str | int | float) else None,
)
def test_each_option_type_writes_its_own_message(option, value, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        option.check(value)
    assert refused.value.message == message
    assert refused.value.hint.endswith(f"hapus barisnya untuk memakai nilai bawaan {option.default!r}.")


def test_valid_values_are_kept_and_seconds_become_float() -> None:
    assert Seconds("K", 5.0, "d.").check(3) == 3.0 and isinstance(Seconds("K", 5.0, "d.").check(3), float)
    assert Int("K", 3, "d.", min=0).check(0) == 0
    assert Choice("K", "atom", "d.", choices=("atom", "rss")).check("rss") == "rss"
    assert Url("K", "", "d.").check("http://127.0.0.1:8000/x") == "http://127.0.0.1:8000/x"
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert DateTime("K", None, "d.").check(when) is when
    assert 'Mungkin maksud Anda "rss"?' in Choice("K", "atom", "d.", choices=("atom", "rss")).hint("rsss")


def test_every_schema_declares_one_prefix_and_valid_documented_defaults() -> None:
    schemas = plugin_schemas(PLUGINS)
    assert list(schemas) == PLUGINS, "every plugin with settings has a schema"
    prefixes = {plugin: module.PREFIX for plugin, module in schemas.items()}
    seen: set[str] = set()
    for plugin, module in schemas.items():
        others = [p for name, p in prefixes.items() if name != plugin and p.startswith(module.PREFIX)]
        for option in module.SCHEMA:
            assert option.name.startswith(module.PREFIX), f"{option.name} outside {plugin}'s prefix {module.PREFIX}"
            assert not any(option.name.startswith(p) for p in others), f"{option.name} looks like another plugin's"
            assert option.name not in seen, f"{option.name} declared twice"
            seen.update((option.name, *option.renamed_from))
            assert option.check(option.default) == option.default, f"{option.name}: its default is refused"
            assert option.doc.endswith(".") and "\n" not in option.doc, f"{option.name}: doc is one sentence line"


def test_fetch_options_take_their_defaults_and_values_from_the_schema() -> None:
    schema = {option.name: option for option in plugin_schemas(["warta_partners"])["warta_partners"].SCHEMA}
    derived = [field for field in fields(FetchOptions) if f"WARTA_MITRA_{field.name.upper()}" in schema]
    assert {field.name for field in fields(FetchOptions)} - {field.name for field in derived} == {"force"}
    for field in derived:
        if field.name != "user_agent":
            assert field.default == schema[f"WARTA_MITRA_{field.name.upper()}"].default, field.name
    settings = {"PLUGINS": ["warta_partners"], "WARTA_MITRA_CONCURRENCY": 3, "WARTA_MITRA_DEADLINE": 7}
    validate_settings(settings)
    options = FetchOptions.from_settings(settings, "Jaringan Uji", force=True)
    assert (options.concurrency, options.deadline, options.max_items, options.force) == (3, 7.0, 30, True)
    assert options.user_agent == default_user_agent("Jaringan Uji", "")


def load_table_script():
    spec = importlib.util.spec_from_file_location("settings_tables", ROOT / "scripts" / "settings_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_settings_reference_tables_are_generated_from_the_schemas() -> None:
    tables = load_table_script()
    page = tables.PAGE.read_text(encoding="utf-8")
    assert tables.PAGE == ROOT / "docs" / "reference" / "settings.md"
    assert tables.rewrite(page, tables.documented_plugins()) == page, (
        f"{tables.PAGE_NAME} settings tables are out of date: run {tables.COMMAND}"
    )
    stale = page.replace("| `WARTA_MITRA_PAGE_ITEMS` | `20` |", "| `WARTA_MITRA_PAGE_ITEMS` | `25` |")
    assert stale != page and tables.rewrite(stale, tables.documented_plugins()) == page  # the check can fail


def test_every_data_file_list_documents_itself() -> None:
    """Each list-of-entries data file is declared once and its docs table comes from that declaration."""
    tables = load_table_script()
    modules = (topics, verdicts, withdrawals, institutions, partner_config)
    declared = [value for module in modules for value in vars(module).values() if isinstance(value, DataEntries)]
    assert len(declared) == 6  # topik, penilaian, alasan-pencabutan, instansi (blocks and entries), mitra
    assert all(any(entries is listed for listed in tables.DATA_BLOCKS.values()) for entries in declared)
    page = tables.DATA_PAGE.path.read_text(encoding="utf-8")
    assert tables.rewrite_data_blocks(page) == page, f"{tables.DATA_PAGE_NAME} is out of date: run {tables.COMMAND}"
    stale = page.replace("| `nilai` | required | integer 1–10 |", "| `nilai` | required | integer 1–5 |")
    assert stale != page and tables.rewrite_data_blocks(stale) == page  # the check can fail


def test_kim_check_runs_no_settings_file_beside_the_checked_content(tmp_path: Path) -> None:
    """The pull-request job checks ``usulan/content`` from a folder without pelicanconf.py: none is run.

    A pull request's own pelicanconf.py is untrusted Python (pull-request.yml); only the file in the
    current folder, or the one given with --pengaturan, is read.
    """
    head = tmp_path / "usulan"
    content = make_network(head)
    marker = tmp_path / "dijalankan"
    (head / "pelicanconf.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    checked = run_kim("--konten", str(content), "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert not marker.exists()
