"""One writer cannot stop the build: bodies are bounded (nesting, inline cost, time) and scanned in linear time.

The hostile ``body-*`` fixtures prove check and build refuse the known shapes; here the pieces are
proved one by one: the linear measure, the time-limited trial render (check and build alike), the
checker's scanners on 1 MB inputs, ``attr_list`` and the sanitiser's view of addresses.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.site import article, build_content, make_network

from warta_core import markdown_bounds
from warta_core.links import body_images, intrasite_links, normalised_url
from warta_core.markdown_bounds import MAX_NESTING, measure, refusal
from warta_core.problems import NetworkCheckFailed
from warta_core.renderer import BodyRefused
from warta_core.validation import check_network
from warta_network import rendering
from warta_network.rendering import render_body, render_bounded

KIM = "kim/kim-uji-bagelen"
MEGABYTE = 1_000_000
# Each is about 1 MB of one shape that made a regular expression (ours or Markdown's) scan from every
# starting point to the end of the text.
HOSTILE_MEGABYTE = {
    "image-openers": "![" * (MEGABYTE // 2),
    "brackets": "[" * MEGABYTE,
    "closed-image-no-destination": "![a]" * (MEGABYTE // 4),
    "unclosed-destinations": "![a](" * (MEGABYTE // 5),
    "html-img-unclosed": "<img " * (MEGABYTE // 5),
    "attribute-names": "<img " + "a-" * (MEGABYTE // 2) + ">",
    "reference-definitions": "[a\n" * (MEGABYTE // 3),
    "reference-long-target": "[a]: " + "x" * MEGABYTE,
    "intrasite-chain": "{static}" * (MEGABYTE // 8),
    "intrasite-pipes": "|static|" * (MEGABYTE // 8),
    "backticks": "`" * MEGABYTE,
    "fences": "".join("`" * (3 + i % 900) + "\n" for i in range(2_000)) * 1,
    "spaces-in-destination": "![a](" + " " * MEGABYTE,
    "deep-lines": "- " * (MEGABYTE // 2),
}
# Header fields of about 1 MB: each is read, split and looked up in linear time (many are refused on length).
HOSTILE_HEADERS = {
    "title": "Judul: " + "a " * (MEGABYTE // 2) + "\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\n",
    "topic-commas": "Judul: x\nTanggal: 2024-03-05 09:30\nTopik: " + ", " * (MEGABYTE // 2) + "\n",
    "desa-list": "Judul: x\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\nDesa: " + "a," * (MEGABYTE // 2) + "\n",
    "sources": "Judul: x\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\nKlaim: x\nPenilaian: hoaks\nSumber: "
    + "https://a|" * (MEGABYTE // 10)
    + "\n",
    "date-digits": "Judul: x\nTanggal: " + "1" * MEGABYTE + "\nTopik: kesehatan\n",
    "date-parentheses": "Judul: x\nTanggal: " + "(1/" * (MEGABYTE // 3) + "\nTopik: kesehatan\n",
    "header-lines": "Judul: x\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\n" + "Ab: c\n" * (MEGABYTE // 6),
    "yaml-flow": "---\njudul: x\n" + "a: [" * (MEGABYTE // 4) + "\n---\n",
    "cover-path": "Judul: x\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\nGambar: " + "../" * (MEGABYTE // 3) + "\n",
}
GENEROUS_SECONDS = 10.0  # measured in milliseconds on 2 shared cores; a quadratic scan would take hours


@pytest.mark.parametrize("name", sorted(HOSTILE_MEGABYTE))
def test_checker_scans_a_megabyte_in_linear_time(name: str) -> None:
    body = HOSTILE_MEGABYTE[name]
    started = time.monotonic()
    measure(body)
    body_images(body, 1, code_only=lambda _body: set())
    intrasite_links(body, 1, code_only=lambda _body: set())
    assert time.monotonic() - started < GENEROUS_SECONDS


@pytest.mark.slow
def test_kim_check_refuses_a_megabyte_article_quickly(tmp_path: Path) -> None:
    """The whole check (header, references, bounds) on the worst shapes, as the pull-request gate runs it."""
    files = {f"{KIM}/2024/{name}.md": article(name) + "\n" + body for name, body in HOSTILE_MEGABYTE.items()}
    files |= {f"{KIM}/2024/kepala-{name}.md": header + "\nisi\n" for name, header in HOSTILE_HEADERS.items()}
    content = make_network(tmp_path, files)
    started = time.monotonic()
    result = check_network(content)
    assert time.monotonic() - started < 6 * GENEROUS_SECONDS
    refused = {Path(p.path).stem for p in result.problems.errors}
    assert {"brackets", "image-openers", "deep-lines", "kepala-title", "kepala-yaml-flow"} <= refused


def test_measure_counts_every_kind_of_nesting() -> None:
    assert measure("- a\n    - b\n        - c\n").nesting == 3
    assert measure("> > > kutipan\n").nesting == 3
    assert measure("1. satu\n    1. dua\n").nesting == 2
    nested = '<div markdown="1">\n\n' * 5 + "- isi\n" + "</div>\n" * 5
    assert measure(nested).nesting == 6
    assert measure("Paragraf biasa.\n\n2024 adalah tahun pemilu.\n").nesting == 0


@pytest.mark.parametrize(
    "body",
    [
        "- " * (MAX_NESTING + 1) + "x\n",
        "".join("    " * level + "- x\n" for level in range(MAX_NESTING + 1)),
        '<div markdown="1">\n\n' * (MAX_NESTING + 1) + "x\n",
        "> " * (MAX_NESTING + 1) + "x\n",
    ],
    ids=["markers", "indented", "markdown-in-html", "quotes"],
)
def test_nesting_beyond_the_bound_is_refused_before_rendering(body: str) -> None:
    refused = refusal(measure(body))
    assert refused is not None and "bersarang terlalu dalam" in refused[0]
    with pytest.raises(BodyRefused):
        render_bounded(body, {})


def test_nesting_at_the_bound_renders() -> None:
    body = "".join("    " * level + "- butir\n" for level in range(MAX_NESTING))
    assert render_bounded(body, {}).count("<ul>") == MAX_NESTING


def test_the_bound_is_far_below_markdowns_own_limit() -> None:
    """What the bound prevents is real: well past it, Python-Markdown itself fails."""
    with pytest.raises(RecursionError):
        render_body("".join("    " * level + "- x\n" for level in range(400)), {})


def test_cost_is_per_block() -> None:
    one_block = "[" * 3000
    many_blocks = "\n\n".join(["[" * 30] * 100)
    assert measure(one_block).needs_trial
    assert not measure(many_blocks).needs_trial
    assert measure("Teks\n\n" + "[" * 60_000).refused
    assert measure("Teks\n\n" + "[" * 60_000).inline_line == 3


def test_trial_render_is_stopped_at_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0.5)
    body = "[" * 20_000  # about 90 s in Python-Markdown
    assert measure(body).needs_trial
    started = time.monotonic()
    with pytest.raises(BodyRefused) as refused:
        render_bounded(body, {})
    assert time.monotonic() - started < 10
    assert "detik untuk diolah" in refused.value.message


def test_trial_render_that_finishes_is_the_plain_render() -> None:
    body = "\n".join(f"| [tautan {i}](https://contoh.example/{i}) | *isi* |" for i in range(2_000))
    assert measure(body).needs_trial
    assert render_bounded(body, {}) == render_body(body, {})


def test_check_and_build_refuse_a_slow_body_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0.5)
    files = {f"{KIM}/2024/lambat.md": article("Lambat") + "\n" + "[" * 20_000 + "\n"}
    content = make_network(tmp_path, files)
    checked = check_network(content)
    assert [p.message for p in checked.problems.errors] == [markdown_bounds.SLOW_RENDER[0]]
    text = (content / KIM / "2024" / "lambat.md").read_text()
    assert checked.problems.errors[0].line == text[: text.index("[[[")].count("\n") + 1
    with pytest.raises(NetworkCheckFailed) as built:
        build_content(content, tmp_path / "output")
    assert [p.message for p in built.value.problems] == [markdown_bounds.SLOW_RENDER[0]]


def test_a_render_that_recurses_too_deep_is_refused_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def recurse(body: str, local_files: dict[str, str]) -> str:
        raise RecursionError

    monkeypatch.setattr(rendering, "render_body", recurse)
    with pytest.raises(BodyRefused, match="bersarang"):
        rendering._bounded(recurse, "isi", {})


@pytest.mark.parametrize(
    ("attributes", "absent"),
    [
        ('{: src="https://pelacak.example/p.gif" }', "pelacak"),
        ('{: srcset="https://pelacak.example/p.gif 2x" }', "srcset"),
        ('{: onerror="alert(1)" }', "onerror"),
        ('{: style="background:url(https://pelacak.example/p.gif)" }', "pelacak"),
    ],
)
def test_attr_list_cannot_point_a_checked_image_elsewhere(attributes: str, absent: str) -> None:
    local = {"gambar/a.png": "{static}/kim/kim-uji/gambar/a.png"}
    html = render_bounded(f"![Foto](gambar/a.png){attributes}\n", local)
    assert 'src="{static}/kim/kim-uji/gambar/a.png"' in html
    assert absent not in html


def test_attr_list_still_sets_harmless_attributes() -> None:
    html = render_bounded("## Judul {: #bagian .penting }\n\n[tautan](https://contoh.example/){: href='#' }\n", {})
    assert 'id="bagian"' in html
    assert 'href="https://contoh.example/"' in html


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        (" https://a.example/p.gif", "https://a.example/p.gif"),
        ("ht\ttps://a.example/p.gif", "https://a.example/p.gif"),
        ("\\\\a.example\\p.gif", "//a.example/p.gif"),
        ("HTTPS://a.example/p.gif", "https://a.example/p.gif"),
        ("\x01\x02//a.example/p.gif\n", "//a.example/p.gif"),
        ("gambar/a.png", "gambar/a.png"),
    ],
)
def test_addresses_are_read_as_a_browser_reads_them(written: str, seen: str) -> None:
    assert normalised_url(written) == seen


@pytest.mark.parametrize(
    "tag",
    [
        '<img src=" https://pelacak.example/p.gif" alt="x">',
        '<img src="ht&#9;tps://pelacak.example/p.gif" alt="x">',
        '<img src="\\\\pelacak.example\\p.gif" alt="x">',
        '<img src="//pelacak.example/p.gif" alt="x">',
        '<img src="gambar/tidak-diperiksa.png" alt="x">',
        '<img alt="a>b" src="https://pelacak.example/p.gif">',
    ],
)
def test_the_sanitiser_keeps_only_images_the_check_resolved(tag: str) -> None:
    html = render_body(f"Lihat {tag} ini.\n", {})
    assert "<img" not in html
    assert "pelacak" not in html


@pytest.mark.parametrize(
    "href", ["JaVaScRiPt:alert(1)", " javascript:alert(1)", "java&#9;script:alert(1)", "&#1;javascript:alert(1)"]
)
def test_links_with_other_schemes_go_nowhere(href: str) -> None:
    html = render_body(f'<a href="{href}">klik</a>\n', {})
    assert "alert" not in html
