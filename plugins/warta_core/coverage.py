"""Which regions a KIM's articles may tag: its own kabupaten/kota, and what the network allows beyond it.

An article's ``Desa:`` puts it on that desa's pages, its kabupaten's pages
and fact-check listing, while the article is reviewed by the writer's own
kabupaten (CODEOWNERS and the ownership check work per KIM folder). So a
KIM may only tag desa of its own kabupaten/kota, unless the network's admins
allow more in ``content/_data/jaringan.yml``::

    liputan_lintas_wilayah:
      kim-bagelen-berdaya: ["18.72"]   # kabupaten/kota codes, or provinsi codes ("14")

The allowance lives in network data (admins only), never in the KIM's own
``kim.yml``, which its writers can edit. It is checked strictly: an unknown
KIM, an unknown code and a code of another level (kecamatan, desa) are
errors with their line.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

from .problems import ProblemList
from .profiles import KimProfile
from .regions import KABUPATEN, PROVINSI, REGION_CODE, Region, Registry
from .text import did_you_mean
from .yamlfile import YamlDocument

COVERAGE_KEY = "liputan_lintas_wilayah"
EXAMPLE = f'Contoh: `{COVERAGE_KEY}: {{kim-bagelen-berdaya: ["18.72", "14"]}}` (kode dalam tanda kutip).'
_LISTED = 40  # desa named in a hint, at most
CODE_HINT = 'Tulis kode Kemendagri dalam tanda kutip, misalnya "18.72" (tanpa tanda kutip, 18.10 terbaca angka 18.1).'


def may_tag(kim: KimProfile, region: Region, coverage: dict[str, tuple[str, ...]]) -> bool:
    """Whether an article of ``kim`` may tag ``region``: inside its kabupaten/kota, or inside an allowed region."""
    if region.kabupaten_code == kim.desa.kabupaten_code:
        return True
    return any(region.code.startswith(code + ".") for code in coverage.get(kim.slug, ()))


def desa_name_hint(registry: Registry, name: str, kim: KimProfile) -> str:
    """How to fix a desa name not found in the KIM's kabupaten/kota: the name it is a typo of, or the KIM's kecamatan.

    Only names of that kabupaten/kota are suggested, since only its desa may be tagged by name.
    """
    near = registry.villages_spelt_like(name, kim.desa.kabupaten_code)
    if len(near) == 1:
        return f'Mungkin maksud Anda "{near[0].name}"?'
    if near:
        options = "; ".join(f"{r.code} ({r.label}, {registry.get(r.parent_code).label})" for r in near)
        return f'Mungkin maksud Anda "{near[0].name}"? Nama itu ada lebih dari satu, jadi tulis kodenya: {options}.'
    kecamatan = registry.get(kim.desa.kecamatan_code)
    names = ", ".join(r.name for r in registry.children.get(kecamatan.code, [])[:_LISTED])
    return f"Periksa ejaannya, atau tulis kode desanya. Desa/kelurahan di {kecamatan.label}: {names}."


def _lines(node: Node | None) -> dict[str, tuple[int, list[int]]]:
    """Line of each KIM key under ``liputan_lintas_wilayah`` and of each of its list items (1-based)."""
    if not isinstance(node, MappingNode):
        return {}
    section = next((value for key, value in node.value if key.value == COVERAGE_KEY), None)
    if not isinstance(section, MappingNode):
        return {}
    lines = {}
    for key, value in section.value:
        items = value.value if isinstance(value, SequenceNode) else [value]
        lines[str(key.value)] = (key.start_mark.line + 1, [item.start_mark.line + 1 for item in items])
    return lines


def load_coverage(
    document: YamlDocument | None, registry: Registry, kims: set[str], problems: ProblemList
) -> dict[str, tuple[str, ...]]:
    """Read ``liputan_lintas_wilayah`` from the parsed ``jaringan.yml``: KIM slug -> allowed region codes.

    ``kims`` holds every KIM folder's slug (broken profiles too: their problem is reported already).
    """
    raw = document.data.get(COVERAGE_KEY) if document is not None and isinstance(document.data, dict) else None
    if raw is None:
        return {}
    path, line = document.path, document.line(COVERAGE_KEY)
    if not isinstance(raw, dict):
        problems.add(
            path,
            f"Kolom `{COVERAGE_KEY}` harus berisi pasangan nama folder KIM dan daftar kode wilayah.",
            EXAMPLE,
            line,
        )
        return {}
    lines = _lines(document.node)
    coverage: dict[str, tuple[str, ...]] = {}
    for slug, written in raw.items():
        key_line, item_lines = lines.get(str(slug), (line, []))
        if str(slug) not in kims:
            problems.add(
                path,
                f'KIM "{slug}" di kolom `{COVERAGE_KEY}` tidak ada di jaringan.',
                did_you_mean(str(slug), sorted(kims)) or "Tulis nama folder KIM di content/kim/.",
                key_line,
            )
            continue
        codes = [written] if isinstance(written, (str, int, float)) else written
        if not isinstance(codes, list) or not codes:
            problems.add(
                path,
                f"Kolom `{COVERAGE_KEY}.{slug}` harus berupa daftar kode provinsi atau kabupaten/kota.",
                EXAMPLE,
                key_line,
            )
            continue
        allowed = []
        for index, code in enumerate(codes):
            item_line = item_lines[index] if index < len(item_lines) else key_line
            region = _allowed_region(code, f"{COVERAGE_KEY}.{slug}", registry, problems, path, item_line)
            if region is not None and region.code not in allowed:
                allowed.append(region.code)
        coverage[str(slug)] = tuple(allowed)
    return coverage


def _allowed_region(
    code: object, key: str, registry: Registry, problems: ProblemList, path: str, line: int
) -> Region | None:
    """The provinsi or kabupaten/kota ``code`` names, or None with a problem."""
    text = str(code).strip()
    if isinstance(code, (bool, float)) or not isinstance(code, (str, int)) or not REGION_CODE.match(text):
        problems.add(path, f'Kode "{text}" di kolom `{key}` bukan kode wilayah.', CODE_HINT, line)
        return None
    region = registry.get(text)
    if region is None:
        problems.add(
            path,
            f'Kode "{text}" di kolom `{key}` tidak ada di daftar wilayah jaringan.',
            "Periksa kodenya di content/_data/wilayah.csv, atau impor wilayahnya dengan `kim impor-wilayah`.",
            line,
        )
        return None
    if region.level not in (PROVINSI, KABUPATEN):
        problems.add(
            path,
            f'Kode "{text}" di kolom `{key}` adalah {region.label}, bukan provinsi atau kabupaten/kota.',
            'Liputan lintas wilayah diberikan per kabupaten/kota (misalnya "14.07") atau per provinsi ("14").',
            line,
        )
        return None
    return region
