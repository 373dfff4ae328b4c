"""The same synthetic network as a Hugo site and as a plain Pelican site.

Used by ``scripts/bench.py`` to compare Warta KIM against Hugo (taxonomies
kim, desa, kecamatan, kabupaten, topik, each with term pages, pagination and
RSS) and against Pelican with its default theme (categories = KIMs, tags =
topics), all built from identical article text.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

HUGO_CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
languageCode = "id"
title = "Warta KIM (Hugo)"
disableKinds = ["sitemap", "robotsTXT"]
[pagination]
  pagerSize = 10
[taxonomies]
  kim = "kim"
  desa = "desa"
  kecamatan = "kecamatan"
  kabupaten = "kabupaten"
  topik = "topik"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML", "RSS"]
  term = ["HTML", "RSS"]
[services.rss]
  limit = 30
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
        <nav><a href="/kim/">KIM</a> <a href="/kabupaten/">Wilayah</a> <a href="/topik/">Topik</a></nav></header>
        <main>{{ block "main" . }}{{ end }}</main><footer>CC BY 4.0</footer></body></html>
    """,
    "_default/single.html": """\
        {{ define "main" }}<article><h1>{{ .Title }}</h1>
        <p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
        {{ range .GetTerms "kim" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
        {{ range .GetTerms "topik" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
        {{ with .Params.gambar }}<img src="{{ . }}" alt="{{ $.Params.deskripsi_gambar }}">{{ end }}
        {{ .Content }}</article>{{ end }}
    """,
    "_default/list.html": """\
        {{ define "main" }}<h1>{{ .Title }}</h1>{{ $pager := .Paginate .Pages }}
        <ul>{{ range $pager.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
        <p>{{ .Date.Format "2 Jan 2006" }} · {{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>
        {{ with $pager.Prev }}<a href="{{ .URL }}">Sebelumnya</a>{{ end }}
        {{ with $pager.Next }}<a href="{{ .URL }}">Berikutnya</a>{{ end }}{{ end }}
    """,
    "_default/terms.html": """\
        {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}
        <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
    """,
}


def _front_matter_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hugo_site(root: Path, articles: list, network) -> Path:
    """Write a Hugo site with the same articles; return the site folder."""
    site = root / "hugo"
    if site.exists():
        shutil.rmtree(site)
    (site / "content" / "berita").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    for index, article in enumerate(articles):
        path_codes = article.desa[0].ancestor_codes()
        lines = [
            "---",
            f"title: {_front_matter_value(article.title)}",
            f"date: {article.date.isoformat()}",
            f"summary: {_front_matter_value(article.summary)}",
            f"kim: [{_front_matter_value(article.kim.name)}]",
            f"desa: [{', '.join(_front_matter_value(network.registry.get(r.code).name) for r in article.desa)}]",
            f"kecamatan: [{_front_matter_value(network.registry.get(path_codes[2]).name)}]",
            f"kabupaten: [{_front_matter_value(network.registry.get(path_codes[1]).name)}]",
            f"topik: [{', '.join(_front_matter_value(t) for t in article.topics)}]",
            f"gambar: /{article.image}" if article.image else "",
            f"deskripsi_gambar: {_front_matter_value(article.image_alt)}",
            "---",
            "",
        ]
        (site / "content" / "berita" / f"{index:06d}-{article.slug}.md").write_text(
            "\n".join(line for line in lines if line is not None) + article.body, encoding="utf-8"
        )
    return site


def write_pelican_site(root: Path, articles: list) -> Path:
    """Write a plain Pelican site (default theme, categories = KIMs, tags = topics)."""
    site = root / "pelican"
    if site.exists():
        shutil.rmtree(site)
    content = site / "content"
    content.mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        'SITENAME = "Warta KIM (Pelican polos)"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "Asia/Jakarta"\n'
        'DEFAULT_LANG = "id"\nDEFAULT_PAGINATION = 10\nFEED_ALL_ATOM = "feeds/all.atom.xml"\n'
        'CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\nARTICLE_URL = "{category}/{slug}/"\n'
        'ARTICLE_SAVE_AS = "{category}/{slug}/index.html"\nFEED_MAX_ITEMS = 30\n'
    )
    for index, article in enumerate(articles):
        folder = content / article.kim.slug
        folder.mkdir(exist_ok=True)
        (folder / f"{index:06d}-{article.slug}.md").write_text(
            f"Title: {article.title}\nDate: {article.date:%Y-%m-%d %H:%M}\nCategory: {article.kim.slug}\n"
            f"Tags: {', '.join(article.topics)}\nAuthor: {article.author}\nSlug: {article.slug}-{index}\n"
            f"Summary: {article.summary}\n\n{article.body}",
            encoding="utf-8",
        )
    return site
