"""The partner list, ``content/_data/mitra.yml``, loaded and checked.

Each entry names an outlet and its feed. Every mistake (missing key, a URL
that is not http(s), a duplicate id, a region or topic the network does not
know) is collected and reported together, naming the entry and the key, so
the technician fixes the whole file in one go. ``check_partner_config`` is
the ``mitra`` feature of the check (:mod:`warta_core.features`): ``kim periksa``
reports its problems, and the build takes the parsed file from the check's
result instead of reading it again. Shared by both halves: ``kim ambil`` reads the same list.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import partial
from typing import Any

from warta_core.config_options import Int, Literal, Option
from warta_core.data_entries import DataEntries, Entry, Slug, Text, Words, read_entries
from warta_core.features import FeatureData
from warta_core.network import Network, data_path
from warta_core.problems import ProblemList
from warta_core.text import did_you_mean
from warta_core.yamlfile import load_yaml

from .settings import MAX_ITEMS_LIMIT
from .urls import safe_http_url

PARTNER_FILE = "mitra.yml"
KEYWORD_FILE = "mitra-kata-kunci.yml"


@dataclass(frozen=True)
class PartnerUrl(Option):
    """An http(s) address a partner link may have (:func:`.urls.safe_http_url`), kept normalised."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and safe_http_url(value.strip()) is not None

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "alamat lengkap yang diawali http:// atau https://"

    def accepts_doc(self) -> str:  # noqa: D102
        return "http(s) URL"

    def convert(self, value: Any) -> Any:  # noqa: D102
        return safe_http_url(value.strip())


# `mitra.yml`, declared once; the English key names of the first version are still read (`synonyms`).
PARTNERS_LIST = DataEntries(
    PARTNER_FILE,
    "mitra",
    "mitra",
    "id",
    (
        Slug("id", None, "The partner's id: its page `/mitra/<id>/` and its cache file.", example="kabar-pesisir"),
        Text("nama", None, "The outlet's name, as it writes it."),
        PartnerUrl("beranda", None, "The outlet's home page."),
        PartnerUrl("umpan", None, "Its RSS or Atom feed."),
        Words(
            "wilayah",
            (),
            "Region codes its news is listed under (quoted).",
            what="kode wilayah",
            example='["18.09"]',
            comma=True,
        ),
        Words("topik", (), "Topics its news is listed under.", what="slug topik", example="[pertanian]", comma=True),
        Words(
            "sertakan",
            (),
            "Only entries with one of these words are taken.",
            what="kata kunci",
            example='[banjir, "air pasang"]',
            comma=True,
        ),
        Words(
            "kecualikan",
            (),
            "Entries with one of these words are left out.",
            what="kata kunci",
            example="[iklan, advertorial]",
            comma=True,
        ),
        Int(
            "maks_berita",
            None,
            "Entries kept for this partner (else `WARTA_MITRA_MAX_ITEMS`).",
            min=1,
            max=MAX_ITEMS_LIMIT,
            default_doc="`WARTA_MITRA_MAX_ITEMS`",
        ),
    ),
    required=("id", "nama", "beranda", "umpan"),
    synonyms={
        "name": "nama",
        "homepage": "beranda",
        "feed": "umpan",
        "include": "sertakan",
        "exclude": "kecualikan",
        "max_items": "maks_berita",
    },
    hints={"maks_berita": "Tanpa kolom ini berlaku pengaturan WARTA_MITRA_MAX_ITEMS (bawaan 30)."},
    empty_ok=True,
)


@dataclass(frozen=True)
class Partner:
    """One partner outlet and what the portal takes from its feed."""

    id: str
    name: str
    homepage: str
    feed: str
    regions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_items: int | None = None

    @property
    def url(self) -> str:
        """The partner's page, relative to SITEURL."""
        return f"mitra/{self.id}/"

    @property
    def fingerprint(self) -> str:
        """Changes whenever the entry changes; a feed marked gone (410) is polled again then."""
        fields = [self.id, self.name, self.homepage, self.feed, self.regions, self.topics, self.include, self.exclude]
        return hashlib.sha256(json.dumps([*fields, self.max_items]).encode()).hexdigest()[:16]


@dataclass
class PartnerConfig:
    """The valid partners in file order, plus topic keywords overriding the defaults."""

    partners: list[Partner]
    keywords: dict[str, tuple[str, ...]]

    def get(self, partner_id: str) -> Partner | None:
        """The partner with this id, if listed."""
        return next((p for p in self.partners if p.id == partner_id), None)


def _string_list(value: Any) -> list[str] | None:
    """A YAML list of strings, or one comma-separated string; None when it is neither."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return [str(item).strip() for item in value if str(item).strip()]
    return None


def _known_to_network(entry: Entry, network: Network, path: str, problems: ProblemList) -> bool:
    """Whether the entry's regions and topics are the network's (each one that is not is reported)."""
    values, ok = entry.values, True
    for code in values.get("wilayah", ()):
        if code not in network.registry:
            problems.add(
                path,
                f'{entry.where}: kode wilayah "{code}" di kolom `{entry.written.get("wilayah", "wilayah")}` '
                "tidak ada di content/_data/wilayah.csv.",
                'Tulis kode Kemendagri dalam tanda kutip, misalnya "18.09", atau impor wilayahnya dulu.',
                line=entry.line_of("wilayah"),
            )
            ok = False
    known = list(network.topics)
    for slug in values.get("topik", ()):
        if slug not in network.topics:
            hint = did_you_mean(slug, known) or f"Pilih dari: {', '.join(known)} (lihat content/_data/topik.yml)."
            message = f'{entry.where}: topik "{slug}" di kolom `{entry.written.get("topik", "topik")}` tidak dikenal.'
            problems.add(path, message, hint, line=entry.line_of("topik"))
            ok = False
    return ok


def _partner(entry: Entry) -> Partner:
    """The partner of a valid entry."""
    values = entry.values
    return Partner(
        id=entry.id,
        name=" ".join(values["nama"].split()),
        homepage=values["beranda"],
        feed=values["umpan"],
        regions=values["wilayah"],
        topics=values["topik"],
        include=values["sertakan"],
        exclude=values["kecualikan"],
        max_items=values["maks_berita"],
    )


def load_partner_config(network: Network) -> tuple[PartnerConfig, ProblemList]:
    """Read ``mitra.yml`` (and optional topic keywords); a missing file means no partners."""
    problems = ProblemList()
    path = data_path(network.content_path, PARTNER_FILE)
    partners: list[Partner] = []
    keywords = _load_keywords(network, problems)
    if not os.path.exists(path):
        return PartnerConfig(partners, keywords), problems
    document = load_yaml(path, problems)
    if document is None:
        return PartnerConfig(partners, keywords), problems
    known = partial(_known_to_network, network=network, path=path, problems=problems)
    entries = read_entries(PARTNERS_LIST, path, document.data, document.node, problems, rule=known)
    partners = [_partner(entry) for entry in entries]
    return PartnerConfig(partners, keywords), problems


def _load_keywords(network: Network, problems: ProblemList) -> dict[str, tuple[str, ...]]:
    """Optional ``mitra-kata-kunci.yml``: topic slug -> keywords, replacing the built-in list."""
    path = data_path(network.content_path, KEYWORD_FILE)
    if not os.path.exists(path):
        return {}
    document = load_yaml(path, problems)
    if document is None or document.data is None:
        return {}
    if not isinstance(document.data, dict):
        problems.add(path, "Isi berkas harus berupa pasangan `slug-topik: [kata, kunci]`.", line=1)
        return {}
    keywords: dict[str, tuple[str, ...]] = {}
    for slug, value in document.data.items():
        words = _string_list(value)
        if str(slug) not in network.topics:
            hint = did_you_mean(str(slug), list(network.topics)) or "Lihat content/_data/topik.yml."
            problems.add(path, f'Topik "{slug}" tidak dikenal.', hint, line=document.line(str(slug)))
        elif words is None:
            problems.add(path, f"Topik `{slug}` harus berisi daftar kata kunci.", line=document.line(str(slug)))
        else:
            keywords[str(slug)] = tuple(words)
    return keywords


def check_partner_config(network: Network) -> FeatureData:
    """The partner list for the check (its problems in the one report) and the build (the parsed file).

    Registered as the ``mitra`` feature (``warta_kim.checks``, :mod:`warta_core.features`): the build takes the
    parsed file from the check's result, so ``mitra.yml`` is read once per build.
    """
    config, problems = load_partner_config(network)
    return FeatureData(problems, config)
