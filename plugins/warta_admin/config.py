"""Decap CMS configuration (``/admin/config.yml``) generated from the network.

One folder collection per KIM, so a writer only ever sees and writes their
own KIM's folder; topics come from ``topik.yml`` and villages from the
registry (the KIM's kabupaten/kota only), so the editor offers exactly what
``kim periksa`` accepts. Field names are the article header names the reader
understands (``judul``, ``tanggal``, ``deskripsi-gambar``…); the custom
``warta-kim`` format (``static/penyunting.js``) writes them as the documented
``Kolom: nilai`` header.

Two limits cannot be expressed in Decap 3.16 and are enforced where the
change arrives, by the pull-request check (``kim periksa --oleh``):
collections are shown to every writer who can log in (the check refuses files
outside the writer's KIM folders), and the default media library offers no
file-type option (its upload button accepts ``image/*``, SVG included; the
check refuses SVG and every non-raster file from writers). The image field's
hint names the accepted kinds from the same list the check uses.
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from warta_core.editor import DEFAULT_LOCAL_URL, RASTER_IMAGE_SUFFIXES, EditorBackend
from warta_core.network import KIM_DIR, Network
from warta_core.profiles import KimProfile
from warta_core.regions import Registry

from .story_fields import accountability_fields, aspiration_fields, factcheck_fields, withdrawal_fields

FORMAT = "warta-kim"  # registered by static/penyunting.js
IMAGE_FOLDER = "gambar"
IMAGE_KINDS = ", ".join(suffix[1:].upper() for suffix in RASTER_IMAGE_SUFFIXES)  # JPG, JPEG, PNG, GIF, WEBP
# Same naming as `kim berita-baru` and the guide: <year>/<yyyy-mm-dd>-<slug>.md, dated by the story's Tanggal
# as written (local time). Decap's {{year}}/{{day}} are the moment of creation in UTC (06:30 WIB on 8 December
# would be named 12-07), and its `path` template is lower-cased with dots turned into dashes, so neither
# `{{fields.tanggal}}` nor a date filter works there: penyunting.js's preSave handler puts the two values,
# cut from Tanggal, in these transient keys, which its format never writes into the file.
FILE_YEAR_KEY = "tahun-berkas"
FILE_DATE_KEY = "tanggal-berkas"
ENTRY_PATH = "{{" + FILE_YEAR_KEY + "}}/{{" + FILE_DATE_KEY + "}}-{{slug}}"
STATUS_OPTIONS = [
    {"label": "Terbit (langsung tampil)", "value": "terbit"},
    {"label": "Draf (belum tampil)", "value": "draf"},
    {"label": "Terjadwal (tampil saat tanggalnya tiba)", "value": "terjadwal"},
]
# {{collection}} is the collection's label_singular, "berita <KIM name>" (kim_collection): the commit, and the
# pull request Decap names after it, say whose story it is.
COMMIT_MESSAGES = {
    "create": 'Tambah {{collection}}: "{{slug}}"',
    "update": 'Perbarui {{collection}}: "{{slug}}"',
    "delete": 'Hapus {{collection}}: "{{slug}}"',
    "uploadMedia": 'Unggah gambar "{{path}}"',
    "deleteMedia": 'Hapus gambar "{{path}}"',
}


def backend_config(editor: EditorBackend) -> dict[str, Any]:
    """The ``backend`` block; without a configured host, only a local decap-server is used."""
    if editor.name is None:
        local = editor.local_backend if isinstance(editor.local_backend, str) else DEFAULT_LOCAL_URL
        return {"name": "proxy", "proxy_url": local, "branch": editor.branch, "commit_messages": COMMIT_MESSAGES}
    backend: dict[str, Any] = {"name": editor.name, "branch": editor.branch}
    if editor.repo:
        backend["repo"] = editor.repo
    if editor.base_url:
        backend["base_url"] = editor.base_url
    if editor.auth_endpoint:
        backend["auth_endpoint"] = editor.auth_endpoint
    if editor.auth_scope:
        backend["auth_scope"] = editor.auth_scope
    if editor.auth_type:
        backend["auth_type"] = editor.auth_type
    if editor.app_id:
        backend["app_id"] = editor.app_id
    if editor.open_authoring:
        backend["open_authoring"] = True
    backend["commit_messages"] = COMMIT_MESSAGES
    return backend


def uses_workflow(editor: EditorBackend) -> bool:
    """Whether saves go through Decap's editorial workflow (a branch and a pull request per story).

    Decap then shows its own status (Draf, Ditinjau, Siap) beside the form, so the form's ``status`` select
    would be a second, disagreeing one. A local decap-server has no workflow (Decap drops the mode for it).
    """
    return editor.name is not None and editor.publish_mode == "editorial_workflow"


def status_field(in_form: bool) -> dict[str, Any]:
    """The ``Status`` header: a select where it is the only status, else hidden and set on saving.

    Hidden, penyunting.js writes ``terbit``, or ``terjadwal`` for a Tanggal still to come (``draf`` written
    with git is kept); whether the story is ready is the workflow's status, and the pull request's merge
    publishes it.
    """
    if in_form:
        return {
            "name": "status",
            "label": "Status",
            "widget": "select",
            "options": STATUS_OPTIONS,
            "default": "terbit",
            "hint": "Draf: tersimpan tetapi belum tampil. Tanggal yang belum tiba disimpan sebagai terjadwal.",
        }
    return {"name": "status", "label": "Status", "widget": "hidden", "default": "terbit"}


def village_options(registry: Registry, kabupaten_code: str) -> list[dict[str, str]]:
    """Every desa/kelurahan of one kabupaten/kota: label with its kecamatan, value its code."""
    options = []
    for kecamatan in sorted(registry.children.get(kabupaten_code, []), key=lambda r: r.name):
        for village in sorted(registry.children.get(kecamatan.code, []), key=lambda r: r.name):
            options.append({"label": f"{village.label} ({kecamatan.label})", "value": village.code})
    return options


def article_fields(
    kim: KimProfile,
    topics: list[dict[str, str]],
    villages: list[dict[str, str]],
    verdicts: list[dict[str, str]] | None = None,
    max_image_bytes: int | None = None,
    reasons: list[dict[str, str]] | None = None,
    institutions: list[dict[str, str]] | None = None,
    *,
    status_in_form: bool = True,
) -> list[dict]:
    """The article form; labels are the header names writers see in the guide."""
    return [
        {
            "name": "judul",
            "label": "Judul",
            "widget": "string",
            "hint": "Singkat dan jelas: siapa melakukan apa. Contoh: Kader Posyandu Bagelen Belajar Mencatat Balita.",
        },
        {
            "name": "tanggal",
            "label": "Tanggal",
            "widget": "datetime",
            "format": "YYYY-MM-DD HH:mm",
            "default": "{{now}}",
            "hint": "Waktu setempat (WIB/WITA/WIT); nama berkas memakai tanggal ini. Berita bertanggal yang belum "
            "tiba tampil otomatis pada waktu itu.",
        },
        {
            "name": "penulis",
            "label": "Penulis",
            "widget": "string",
            "required": False,
            "hint": f"Nama penulis. Bila kosong, ditulis {kim.name}.",
        },
        {
            "name": "topik",
            "label": "Topik",
            "widget": "select",
            "multiple": True,
            "min": 1,
            "options": topics,
            "hint": "Pilih satu atau lebih topik.",
        },
        {
            "name": "desa",
            "label": "Desa",
            "widget": "select",
            "multiple": True,
            "required": False,
            "options": villages,
            "hint": f"Desa/kelurahan yang diberitakan. Bila kosong, dipakai {kim.desa.label}.",
        },
        {
            "name": "ringkasan",
            "label": "Ringkasan",
            "widget": "text",
            "required": False,
            "hint": "Satu kalimat. Bila kosong, diambil dari awal isi berita.",
        },
        {
            "name": "gambar",
            "label": "Gambar",
            "widget": "image",
            "required": False,
            "choose_url": False,
            # Decap's own library refuses larger files before uploading (the check refuses them too: batas:).
            **({"media_library": {"config": {"max_file_size": max_image_bytes}}} if max_image_bytes else {}),
            "hint": (
                f"Hanya {IMAGE_KINDS} (SVG ditolak pemeriksaan). Foto milik KIM, atau yang sudah diizinkan "
                "pemiliknya. Wajah warga perlu persetujuan mereka."
            ),
        },
        {
            "name": "deskripsi-gambar",
            "label": "Deskripsi-Gambar",
            "widget": "string",
            "required": False,
            "hint": "Wajib bila ada gambar: satu kalimat tentang isi foto, untuk pembaca tunanetra.",
        },
        status_field(status_in_form),
        *factcheck_fields(verdicts or []),
        *aspiration_fields(institutions or []),
        *accountability_fields(),
        *withdrawal_fields(reasons or []),
        {
            "name": "bukan-nik",
            "label": "Bukan-NIK",
            "widget": "string",
            "required": False,
            "hint": "Biasanya kosong. Hanya bila pemeriksaan menolak nomor dokumen 16 angka yang bukan NIK atau "
            "nomor KK seseorang: tulis nomor itu di sini (beberapa nomor dipisah koma).",
        },
        {
            "name": "body",
            "label": "Isi berita",
            "widget": "markdown",
            "modes": ["rich_text", "raw"],
            "editor_components": ["image"],
            "hint": "Paragraf pendek. Jawab apa, siapa, kapan, di mana, mengapa, dan bagaimana.",
        },
    ]


def kim_collection(kim: KimProfile, content: str, fields: list[dict]) -> dict[str, Any]:
    """The folder collection of one KIM: its folder, its images, its form."""
    folder = f"{content}/{KIM_DIR}/{kim.slug}"
    return {
        "name": kim.slug,
        "label": kim.name,
        "label_singular": f"berita {kim.name}",  # commit messages and the "new story" menu name the KIM
        "description": f"Berita {kim.name} ({kim.desa.label}). Tersimpan di {folder}/.",
        "folder": folder,
        "create": True,
        "delete": False,
        "format": FORMAT,
        "extension": "md",
        "path": ENTRY_PATH,
        "slug": "{{slug}}",
        "identifier_field": "judul",
        "summary": "{{judul}}",
        "sortable_fields": ["tanggal", "judul"],
        "media_folder": f"/{folder}/{IMAGE_FOLDER}",
        "public_folder": IMAGE_FOLDER,
        "editor": {"preview": False},
        "fields": fields,
    }


def decap_config(network: Network, site_url: str = "") -> dict[str, Any]:
    """The whole Decap configuration; shared option lists become YAML anchors when dumped."""
    editor = network.info.editor
    content = os.path.basename(network.content_path.rstrip(os.sep))
    topics = [{"label": topic.label, "value": slug} for slug, topic in network.topics.items()]
    verdicts = [{"label": v.label, "value": slug} for slug, v in network.verdicts.verdicts.items()]
    reasons = [{"label": r.label, "value": code} for code, r in network.withdrawal_reasons.reasons.items()]
    villages_by_kabupaten: dict[str, list[dict[str, str]]] = {}
    collections = []
    for kim in sorted(network.kims.values(), key=lambda k: (k.name.lower(), k.slug)):
        kabupaten = kim.desa.kabupaten_code
        if kabupaten not in villages_by_kabupaten:
            villages_by_kabupaten[kabupaten] = village_options(network.registry, kabupaten)
        served = network.institutions.serving([kabupaten, kim.desa.province_code])
        fields = article_fields(
            kim, topics, villages_by_kabupaten[kabupaten], verdicts, network.info.limits.image_bytes, reasons,
            [{"label": institution.name, "value": institution.name} for institution in served],
            status_in_form=not uses_workflow(editor),
        )  # fmt: skip
        collections.append(kim_collection(kim, content, fields))
    config: dict[str, Any] = {"locale": "id", "backend": backend_config(editor)}
    if editor.name is not None:
        config["publish_mode"] = editor.publish_mode
    if editor.local_backend:
        local = editor.local_backend
        config["local_backend"] = {"url": local} if isinstance(local, str) else True
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    config.update(
        {
            # Uploads outside an article (the "Media" tab) land here; each KIM's form uploads to its own gambar/.
            "media_folder": f"{content}/{KIM_DIR}",
            "public_folder": f"/{KIM_DIR}",
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            # Photos are re-encoded in the writer's browser before upload (Decap's media processing: JPEG,
            # PNG and WebP drawn on a canvas, orientation applied), so no GPS position or camera data ever
            # reaches the repository; the build strips metadata again from every image it publishes.
            "media_processing": {"enabled": True, "strip_metadata": True, "quality": 85},
            "collections": collections,
        }
    )
    return config


def config_yaml(config: dict[str, Any]) -> str:
    """YAML text of the configuration, with a header saying where it comes from."""
    header = (
        "# Generated by the warta_admin plugin from content/_data (jaringan.yml, topik.yml, wilayah.csv)\n"
        "# and the KIM profiles. Do not edit: change those files and rebuild.\n"
    )
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter; the representer stays Python
    return header + yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)
