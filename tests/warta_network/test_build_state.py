"""The one typed build state: its moment, the features' parsed data, and settings nobody writes after the check."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path

import pytest
from pelican import Pelican, signals
from pelican.settings import read_settings
from support.site import ROOT, make_network

import warta_partners.config
from warta_core.dates import WIB, build_now
from warta_core.validation import check_network
from warta_network.state import warta_state
from warta_partners.config import PartnerConfig


def pelican_for(content: Path, output: Path, **override: object) -> Pelican:
    settings = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(output) + ".cache", **override}
    return Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=settings))


def test_one_moment_in_the_portal_zone() -> None:
    fixed = dt.datetime(2026, 12, 6, 20, 30, 15, 999, tzinfo=dt.UTC)
    assert build_now(fixed, "Asia/Jakarta") == dt.datetime(2026, 12, 7, 3, 30, 15, tzinfo=WIB)
    assert build_now(dt.datetime(2026, 12, 7, 8, 0), "Asia/Makassar").utcoffset() == dt.timedelta(hours=8)
    assert build_now().tzinfo is not None and build_now().microsecond == 0


def test_a_build_has_one_moment_and_reads_mitra_yml_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = make_network(tmp_path)
    partner = (
        "- id: kabar-uji\n  nama: Kabar Uji\n  beranda: https://kabar.example/\n  umpan: https://kabar.example/a.xml\n"
    )
    (content / "_data" / "mitra.yml").write_text(partner, encoding="utf-8")
    loads = []
    original = warta_partners.config.load_partner_config
    monkeypatch.setattr(warta_partners.config, "load_partner_config", lambda n: loads.append(1) or original(n))
    pelican = pelican_for(content, tmp_path / "output", WARTA_NOW=dt.datetime(2026, 12, 7, 1, 2, 3, tzinfo=dt.UTC))
    pelican.run()
    state = warta_state(pelican.settings)
    assert state.now == dt.datetime(2026, 12, 7, 8, 2, 3, tzinfo=WIB) and state.now.tzinfo.key == "Asia/Jakarta"
    assert len(loads) == 1  # the check parsed it; the build took the parse from the check's result
    config = state.check.feature("mitra", PartnerConfig)
    assert config is not None and [p.id for p in config.partners] == ["kabar-uji"]
    assert state.partners is not None and state.listings and state.writer is not None
    assert state.settings_written() == []


def test_a_feature_is_asked_for_by_its_type(tmp_path: Path) -> None:
    result = check_network(str(make_network(tmp_path)))
    assert isinstance(result.feature("mitra", PartnerConfig), PartnerConfig)
    assert result.feature("tidak-ada", PartnerConfig) is None
    with pytest.raises(TypeError, match="not a str"):
        result.feature("mitra", str)


def test_a_plugin_writing_settings_during_the_build_fails_it(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "writes_settings.py").write_text(
        textwrap.dedent(
            """
            from pelican import signals

            def write(generator):
                generator.settings["SITENAME"] = "diubah diam-diam"

            def register():
                signals.article_generator_finalized.connect(write)
            """
        ),
        encoding="utf-8",
    )
    base = read_settings(str(ROOT / "pelicanconf.py"))
    pelican = pelican_for(
        make_network(tmp_path),
        tmp_path / "output",
        PLUGINS=[*base["PLUGINS"], "writes_settings"],
        PLUGIN_PATHS=[*base["PLUGIN_PATHS"], str(plugins)],
    )
    try:
        with pytest.raises(RuntimeError, match=r"pengaturan diubah di tengah pembangunan.*SITENAME"):
            pelican.run()
    finally:  # Pelican's signals outlive the build: later builds in this process must not meet the receiver
        signals.article_generator_finalized.disconnect(sys.modules["writes_settings"].write)
