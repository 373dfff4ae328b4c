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
from typing import Any

import yaml

from warta_core.features import FeatureData
from warta_core.network import Network, data_path
from warta_core.problems import ProblemList
from warta_core.text import SLUG, did_you_mean
from warta_core.yamlfile import load_yaml

from .settings import MAX_ITEMS_LIMIT
from .urls import safe_http_url

PARTNER_FILE = "mitra.yml"
KEYWORD_FILE = "mitra-kata-kunci.yml"

# Documented (Indonesian) key -> field; the English names are accepted as aliases.
KEYS = {
    "id": "id",
    "nama": "name",
    "name": "name",
    "beranda": "homepage",
    "homepage": "homepage",
    "umpan": "feed",
    "feed": "feed",
    "wilayah": "regions",
    "topik": "topics",
    "sertakan": "include",
    "include": "include",
    "kecualikan": "exclude",
    "exclude": "exclude",
    "maks_berita": "max_items",
    "max_items": "max_items",
}
REQUIRED = {"id": "id", "name": "nama", "homepage": "beranda", "feed": "umpan"}


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


def _entry_lines(node: yaml.Node | None) -> list[tuple[int, dict[str, int]]]:
    """Line of each list entry and of each of its keys (1-based), for error messages."""
    if not isinstance(node, yaml.SequenceNode):
        return []
    lines = []
    for item in node.value:
        keys = {}
        if isinstance(item, yaml.MappingNode):
            keys = {str(key.value): key.start_mark.line + 1 for key, _value in item.value}
        lines.append((item.start_mark.line + 1, keys))
    return lines


def _string_list(value: Any) -> list[str] | None:
    """A YAML list of strings, or one comma-separated string; None when it is neither."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return [str(item).strip() for item in value if str(item).strip()]
    return None


class _EntryChecker:
    """Checks one entry, adding problems that name the file, line, entry and key."""

    def __init__(
        self, path: str, problems: ProblemList, network: Network, number: int, lines: tuple[int | None, dict[str, int]]
    ) -> None:
        self.path, self.problems, self.network, self.number = path, problems, network, number
        self.entry_line, self.key_lines = lines
        self.label = f"Mitra ke-{number}"

    def add(self, message: str, hint: str = "", key: str | None = None) -> None:
        line = self.key_lines.get(key, self.entry_line) if key else self.entry_line
        self.problems.add(self.path, f"{self.label}: {message}", hint, line=line)

    def check(self, entry: Any) -> Partner | None:
        if not isinstance(entry, dict):
            self.add("harus berisi kolom `id`, `nama`, `beranda`, dan `umpan`.", "Lihat contoh di awal berkas ini.")
            return None
        raw_id = str(entry.get("id") or "").strip()
        if raw_id:
            self.label = f'Mitra ke-{self.number} ("{raw_id}")'
        fields: dict[str, tuple[str, Any]] = {}
        for key, value in entry.items():
            field = KEYS.get(str(key))
            if field is None:
                hint = did_you_mean(str(key), sorted(KEYS)) or f"Kolom yang dikenal: {', '.join(sorted(KEYS))}."
                self.add(f"kolom `{key}` tidak dikenal.", hint, key=str(key))
            elif field in fields:
                self.add(f"kolom `{key}` sama artinya dengan `{fields[field][0]}`; pakai salah satu.", key=str(key))
            else:
                fields[field] = (str(key), value)
        ok = True
        for field, key in REQUIRED.items():
            if not str(fields.get(field, (key, ""))[1] or "").strip():
                self.add(f"kolom `{key}` wajib diisi.", key=fields.get(field, (key,))[0])
                ok = False
        if raw_id and not SLUG.match(raw_id):
            self.add(
                f'kolom `id` "{raw_id}" tidak sah.',
                "Gunakan huruf kecil, angka, dan tanda hubung, misalnya `kabar-pesisir`.",
                key="id",
            )
            ok = False
        urls = {}
        for field in ("homepage", "feed"):
            if field not in fields or not str(fields[field][1] or "").strip():
                continue
            key, value = fields[field]
            urls[field] = safe_http_url(str(value).strip())
            if urls[field] is None:
                self.add(
                    f'kolom `{key}` harus alamat lengkap yang diawali http:// atau https://, tetapi berisi "{value}".',
                    key=key,
                )
                ok = False
        regions = self._codes(fields.get("regions"))
        topics = self._topics(fields.get("topics"))
        include = self._words(fields.get("include"))
        exclude = self._words(fields.get("exclude"))
        max_items = self._max_items(fields.get("max_items"))
        if not ok or None in (regions, topics, include, exclude) or max_items is False:
            return None
        return Partner(
            id=raw_id,
            name=" ".join(str(fields["name"][1]).split()),
            homepage=urls["homepage"],
            feed=urls["feed"],
            regions=tuple(regions),
            topics=tuple(topics),
            include=tuple(include),
            exclude=tuple(exclude),
            max_items=max_items,
        )

    def _codes(self, item: tuple[str, Any] | None) -> list[str] | None:
        if item is None:
            return []
        key, value = item
        codes = _string_list(value)
        if codes is None:
            self.add(f'kolom `{key}` harus berisi daftar kode wilayah, misalnya ["18.09"].', key=key)
            return None
        unknown = [code for code in codes if code not in self.network.registry]
        for code in unknown:
            self.add(
                f'kode wilayah "{code}" di kolom `{key}` tidak ada di content/_data/wilayah.csv.',
                'Tulis kode Kemendagri dalam tanda kutip, misalnya "18.09", atau impor wilayahnya dulu.',
                key=key,
            )
        return None if unknown else codes

    def _topics(self, item: tuple[str, Any] | None) -> list[str] | None:
        if item is None:
            return []
        key, value = item
        slugs = _string_list(value)
        if slugs is None:
            self.add(f"kolom `{key}` harus berisi daftar slug topik, misalnya [pertanian].", key=key)
            return None
        known = list(self.network.topics)
        unknown = [slug for slug in slugs if slug not in self.network.topics]
        for slug in unknown:
            hint = did_you_mean(slug, known) or f"Pilih dari: {', '.join(known)} (lihat content/_data/topik.yml)."
            self.add(f'topik "{slug}" di kolom `{key}` tidak dikenal.', hint, key=key)
        return None if unknown else slugs

    def _words(self, item: tuple[str, Any] | None) -> list[str] | None:
        if item is None:
            return []
        key, value = item
        words = _string_list(value)
        if words is None:
            self.add(f"kolom `{key}` harus berisi daftar kata kunci.", key=key)
        return words

    def _max_items(self, item: tuple[str, Any] | None) -> int | bool | None:
        if item is None:
            return None
        key, value = item
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ITEMS_LIMIT:
            self.add(f"kolom `{key}` harus bilangan bulat 1–{MAX_ITEMS_LIMIT}, tetapi berisi {value!r}.", key=key)
            return False
        return value


def load_partner_config(network: Network) -> tuple[PartnerConfig, ProblemList]:
    """Read ``mitra.yml`` (and optional topic keywords); a missing file means no partners."""
    problems = ProblemList()
    path = data_path(network.content_path, PARTNER_FILE)
    partners: list[Partner] = []
    keywords = _load_keywords(network, problems)
    if not os.path.exists(path):
        return PartnerConfig(partners, keywords), problems
    document = load_yaml(path, problems)
    if document is None or document.data is None:
        return PartnerConfig(partners, keywords), problems
    if not isinstance(document.data, list):
        problems.add(path, "Isi berkas harus berupa daftar mitra (setiap mitra diawali `- id:`).", line=1)
        return PartnerConfig(partners, keywords), problems
    lines = _entry_lines(document.node)
    seen: dict[str, int] = {}
    for number, entry in enumerate(document.data, start=1):
        entry_lines = lines[number - 1] if number - 1 < len(lines) else (None, {})
        checker = _EntryChecker(path, problems, network, number, entry_lines)
        partner = checker.check(entry)
        if partner is None:
            continue
        if partner.id in seen:
            checker.add(
                f'id "{partner.id}" sudah dipakai mitra ke-{seen[partner.id]}.', "Setiap mitra perlu id sendiri.", "id"
            )
            continue
        seen[partner.id] = number
        partners.append(partner)
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
