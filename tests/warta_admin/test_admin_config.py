"""/admin/ without a browser: the generated Decap configuration, the page and the bundle copy.

The configuration must offer exactly what `kim periksa` accepts (topics from
topik.yml, villages of the KIM's kabupaten from the registry, header field
names the reader maps), one folder collection per KIM with uploads into its
own gambar/ folder, and the backend from the `penyunting` block of jaringan.yml.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from support.site import DEMO_CONTENT, ROOT, build_content, build_network, make_network

from warta_admin import AdminSettingsError
from warta_core.articles import STATUSES
from warta_core.config_options import SettingsError
from warta_core.metadata import canonical_name
from warta_core.network import load_network
from warta_core.regions import DESA, kabupaten_code
from warta_core.validation import check_network


def admin_config(output: Path) -> dict:
    return yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))


def test_one_collection_per_kim_writing_into_its_own_folder(demo_output: Path) -> None:
    config = admin_config(demo_output)
    network, _ = load_network(str(DEMO_CONTENT))
    collections = {collection["name"]: collection for collection in config["collections"]}
    assert set(collections) == set(network.kims)
    for slug, kim in network.kims.items():
        collection = collections[slug]
        assert collection["label"] == kim.name
        assert collection["folder"] == f"content/kim/{slug}"
        assert collection["create"] is True
        assert collection["format"] == "warta-kim"
        assert collection["extension"] == "md"
        assert collection["path"] == "{{tahun-berkas}}/{{tanggal-berkas}}-{{slug}}"  # set on saving, from Tanggal
        assert collection["media_folder"] == f"/content/kim/{slug}/gambar"  # uploads land in the KIM's gambar/
        assert collection["public_folder"] == "gambar"  # so `Gambar:` is written gambar/<file>


def test_fields_map_to_article_headers_and_offer_what_the_check_accepts(demo_output: Path) -> None:
    config = admin_config(demo_output)
    network, _ = load_network(str(DEMO_CONTENT))
    for collection in config["collections"]:
        kim = network.kims[collection["name"]]
        fields = {field["name"]: field for field in collection["fields"]}
        assert [f["label"] for f in collection["fields"]] == [
            "Judul", "Tanggal", "Penulis", "Topik", "Desa", "Ringkasan",
            "Gambar", "Deskripsi-Gambar", "Status",
            "Klaim", "Penilaian", "Beredar-Di", "Tanggal-Klaim", "Sumber",
            "Aspirasi", "Aspirasi-Dari", "Aspirasi-Dari-Setuju", "Aspirasi-Kepada", "Aspirasi-Tahap",
            "Tindak-Lanjut-Aspirasi",
            "Ralat", "Hak-Jawab-Untuk", "Hak-Jawab-Dari",
            "Perlu-Verifikasi", "Dicabut", "Alasan-Pencabutan", "Penjelasan-Pencabutan", "Bukan-NIK", "Isi berita",
        ]  # fmt: skip
        assert [o["value"] for o in fields["alasan-pencabutan"]["options"]] == list(network.withdrawal_reasons.reasons)
        served = network.institutions.serving([kabupaten_code(kim.desa.code), kim.desa.province_code])
        assert [o["value"] for o in fields["aspirasi-kepada"]["options"]] == [i.name for i in served]
        assert [o["value"] for o in fields["penilaian"]["options"]] == list(network.verdicts.verdicts)
        for name in fields.keys() - {"body"}:
            assert canonical_name(name) is not None, f"{name} is not a header field the reader understands"
        assert [o["value"] for o in fields["topik"]["options"]] == list(network.topics)
        assert fields["topik"]["multiple"] is True
        kabupaten = kim.desa.kabupaten_code
        villages = {r.code for r in network.registry if r.level == DESA and r.code.startswith(kabupaten + ".")}
        offered = [o["value"] for o in fields["desa"]["options"]]
        assert sorted(offered) == sorted(villages)
        assert kim.desa.code in offered
        # The demo saves through pull requests: the workflow's status is the writer's one status control.
        assert (fields["status"]["widget"], fields["status"]["default"]) == ("hidden", "terbit")
        assert fields["status"]["default"] in STATUSES
        assert fields["gambar"]["widget"] == "image"
        assert fields["gambar"]["choose_url"] is False  # hot-linked images are refused by the check
        assert fields["tanggal"]["format"] == "YYYY-MM-DD HH:mm"


def test_village_lists_are_shared_per_kabupaten(demo_output: Path) -> None:
    text = (demo_output / "admin" / "config.yml").read_text(encoding="utf-8")
    # Three demo KIMs are in Kabupaten Pesawaran: its village list is written once and aliased.
    assert text.count("value: 18.09.01.2007") == 1
    assert "*id" in text


def test_backend_comes_from_jaringan_yml(demo_output: Path) -> None:
    config = admin_config(demo_output)
    data = yaml.safe_load((DEMO_CONTENT / "_data" / "jaringan.yml").read_text(encoding="utf-8"))["penyunting"]
    assert config["locale"] == "id"
    backend = config["backend"]
    assert (backend["name"], backend["repo"], backend["branch"]) == (data["backend"], data["repo"], data["branch"])
    assert backend["base_url"] == data["base_url"]
    assert backend["commit_messages"]["create"] == 'Tambah {{collection}}: "{{slug}}"'
    assert config["publish_mode"] == data["publish_mode"]
    assert config["local_backend"] is True
    # The demo shows the recommended setup: writers need no write access, their saves arrive as pull requests
    assert (backend["open_authoring"], data["publish_mode"]) == (True, "editorial_workflow")


def test_admin_page_loads_everything_from_the_portal(demo_output: Path) -> None:
    page = BeautifulSoup((demo_output / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "id"
    scripts = [script.get("src") for script in page.find_all("script")]
    if (demo_output / "admin" / "decap-cms.js").exists():
        assert scripts == ["bahasa-id.js", "penyunting.js", "decap-cms.js"]  # our locale and format before Decap
        assert page.find("link", rel="cms-config-url")["href"] == "config.yml"
        assert (demo_output / "admin" / "decap-cms.js.LICENSE.txt").exists()
        assert not list((demo_output / "admin").glob("*.map"))
    else:
        assert scripts == []
    for tag in page.find_all(["script", "link", "a"]):
        assert not (tag.get("src") or tag.get("href") or "").startswith(("http:", "https:", "//")), tag


def test_bundle_files_are_copied_and_nothing_else(tmp_path: Path) -> None:
    bundle = tmp_path / "dist"
    bundle.mkdir()
    for name in ("decap-cms.js", "12.decap-cms.js", "f728dc876b39e5273411.wasm", "decap-cms.js.LICENSE.txt"):
        (bundle / name).write_text(f"/* {name} */", encoding="utf-8")
    for name in ("decap-cms.js.map", "cms.js", "12.cms.js", "README.md"):
        (bundle / name).write_text("nope", encoding="utf-8")
    output = build_network(tmp_path, WARTA_ADMIN_DECAP_DIR=str(bundle))
    names = sorted(path.name for path in (output / "admin").iterdir())
    assert names == sorted(
        [
            "12.decap-cms.js", "config.yml", "decap-cms.js", "decap-cms.js.LICENSE.txt",
            "bahasa-id.js", "f728dc876b39e5273411.wasm", "index.html", "penyunting.js",
        ]
    )  # fmt: skip
    assert (output / "admin" / "decap-cms.js").read_text() == "/* decap-cms.js */"


def test_without_the_bundle_the_page_explains_and_the_build_goes_on(tmp_path: Path) -> None:
    output = build_network(tmp_path, WARTA_ADMIN_DECAP_DIR=str(tmp_path / "tidak-ada"))
    page = BeautifulSoup((output / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("script") is None
    assert "make setup" in page.get_text()
    assert page.find("a", href="../panduan/")
    assert admin_config(output)["collections"]
    assert (output / "index.html").exists()


def test_missing_bundle_fails_when_required(tmp_path: Path) -> None:
    with pytest.raises(AdminSettingsError, match="Decap CMS tidak ditemukan"):
        build_network(tmp_path, WARTA_ADMIN_DECAP_DIR=str(tmp_path / "tidak-ada"), WARTA_ADMIN_REQUIRE_BUNDLE=True)


def test_admin_can_be_switched_off_and_settings_are_checked(tmp_path: Path) -> None:
    output = build_network(tmp_path, WARTA_ADMIN_ENABLED=False)
    assert not (output / "admin").exists()
    with pytest.raises(SettingsError, match="WARTA_ADMIN_ENABLED harus True atau False, tetapi berisi 'ya'"):
        build_network(tmp_path, WARTA_ADMIN_ENABLED="ya")


def without_editor(content: Path, **penyunting: object) -> None:
    jaringan = content / "_data" / "jaringan.yml"
    data = yaml.safe_load(jaringan.read_text(encoding="utf-8"))
    data.pop("penyunting", None)
    if penyunting:
        data["penyunting"] = penyunting
    jaringan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_without_penyunting_the_editor_only_talks_to_a_local_decap_server(tmp_path: Path) -> None:
    from warta_admin.config import decap_config

    content = make_network(tmp_path)
    without_editor(content)
    network, problems = load_network(str(content))
    assert not problems.errors
    config = decap_config(network)
    assert config["backend"]["name"] == "proxy"
    assert config["backend"]["proxy_url"] == "http://localhost:8081/api/v1"
    assert config["local_backend"] is True
    assert "publish_mode" not in config
    assert [c["name"] for c in config["collections"]] == ["kim-uji-bagelen", "kim-uji-metro", "kim-uji-panipahan"]


@pytest.mark.parametrize(
    ("penyunting", "expect"),
    [
        (
            {"backend": "dropbox", "repo": "a/b"},
            'Kolom `penyunting.backend` harus null atau salah satu dari: "github",',
        ),
        ({"backend": "github"}, "Kolom `penyunting.repo`: wajib diisi untuk backend github."),
        (
            {"backend": "github", "repo": "a/b", "publish_mode": "langsung"},
            '`penyunting.publish_mode` harus salah satu dari: "editorial_workflow", "simple", tetapi berisi "langsung"',
        ),
        (
            {"backend": "github", "repo": "a/b", "cabang": "main"},
            "Kolom `penyunting.cabang` tidak dikenal. Kolom yang dikenal: backend, repo, branch,",
        ),
        (
            {"backend": "github", "repo": "a/b", "base_url": "oauth.contoh"},
            "`penyunting.base_url` harus null atau alamat lengkap yang diawali http:// atau https://, tetapi",
        ),
        (
            {"backend": "github", "repo": "a/b", "local_backend": "ya"},
            "`penyunting.local_backend` harus true, false, atau alamat seperti http://localhost:8081/api/v1, tetapi",
        ),
    ],
)
def test_bad_penyunting_block_fails_the_check(tmp_path: Path, penyunting: dict, expect: str) -> None:
    content = make_network(tmp_path)
    without_editor(content, **penyunting)
    result = check_network(content)
    messages = [p.format(str(tmp_path)) for p in result.problems.errors]
    assert any(m.startswith("content/_data/jaringan.yml:") and expect in m for m in messages), messages


def editor_problems(content: Path) -> list[str]:
    return [p.format(str(content.parent)) for p in check_network(content).problems.errors]


GITHUB = {"backend": "github", "repo": "warta/portal", "base_url": "https://oauth.contoh.org"}


def test_simple_publish_mode_is_refused_when_the_network_has_several_kims(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    without_editor(content, **GITHUB, publish_mode="simple")
    messages = editor_problems(content)
    (message,) = [m for m in messages if "publish_mode" in m]
    assert message.startswith("content/_data/jaringan.yml:")
    assert 'Kolom `penyunting.publish_mode`: "simple" tidak boleh dipakai di jaringan dengan 3 KIM' in message
    assert "langsung masuk ke cabang utama tanpa pull request" in message  # why
    assert "`publish_mode: editorial_workflow` dan `open_authoring: true`" in message  # what to use instead


def test_simple_publish_mode_is_allowed_for_a_single_kim(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    for slug in ("kim-uji-metro", "kim-uji-panipahan"):
        (content / "kim" / slug / "kim.yml").unlink()
        (content / "kim" / slug).rmdir()
    without_editor(content, **GITHUB, publish_mode="simple")
    assert editor_problems(content) == []
    network, _ = load_network(str(content))
    from warta_admin.config import decap_config

    assert decap_config(network)["publish_mode"] == "simple"


def test_git_gateway_is_refused_when_the_network_has_several_kims(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    without_editor(content, backend="git-gateway")
    messages = editor_problems(content)
    assert any('Kolom `penyunting.backend`: "git-gateway" tidak boleh dipakai' in m for m in messages), messages
    assert any("satu akun bersama" in m for m in messages)


def test_open_authoring_sends_changes_as_pull_requests_from_forks(tmp_path: Path) -> None:
    from warta_admin.config import config_yaml, decap_config

    content = make_network(tmp_path)
    without_editor(content, **GITHUB, publish_mode="editorial_workflow", open_authoring=True, auth_scope="public_repo")
    assert editor_problems(content) == []
    network, _ = load_network(str(content))
    config = yaml.safe_load(config_yaml(decap_config(network)))
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "warta/portal"
    assert config["backend"]["open_authoring"] is True
    assert config["backend"]["auth_scope"] == "public_repo"  # the login token cannot touch private repositories
    assert config["publish_mode"] == "editorial_workflow"  # Decap refuses open_authoring without it


def test_gitlab_signs_in_without_a_server_through_pkce(tmp_path: Path) -> None:
    """GitLab's PKCE login needs no OAuth service of the network's own: Decap reads `auth_type` and `app_id`."""
    from warta_admin.config import config_yaml, decap_config

    content = make_network(tmp_path)
    without_editor(content, backend="gitlab", repo="diskominfo/portal", auth_type="pkce", app_id="abc123")
    assert editor_problems(content) == []
    network, _ = load_network(str(content))
    backend = yaml.safe_load(config_yaml(decap_config(network)))["backend"]
    assert (backend["name"], backend["auth_type"], backend["app_id"]) == ("gitlab", "pkce", "abc123")


@pytest.mark.parametrize(
    ("penyunting", "expect"),
    [
        ({**GITHUB, "open_authoring": True, "publish_mode": "simple"}, "butuh `publish_mode: editorial_workflow`"),
        ({"backend": "gitlab", "repo": "a/b", "open_authoring": True}, 'tidak bisa dipakai dengan backend "gitlab"'),
        ({**GITHUB, "open_authoring": "ya"}, '`penyunting.open_authoring` harus true atau false, tetapi berisi "ya".'),
        (
            {**GITHUB, "auth_scope": "admin"},
            'Kolom `penyunting.auth_scope` harus salah satu dari: "", "repo", "public_repo", tetapi berisi "admin".',
        ),
        ({"backend": "gitlab", "repo": "a/b", "auth_type": "pkce"}, "Kolom `penyunting.app_id`: wajib diisi untuk"),
        ({**GITHUB, "auth_type": "pkce", "app_id": "x"}, "Kolom `penyunting.auth_type`: tidak bisa dipakai dengan"),
        ({**GITHUB, "app_id": "x"}, 'Kolom `penyunting.app_id`: tidak dipakai oleh backend "github".'),
    ],
)
def test_open_authoring_needs_a_backend_and_mode_that_support_it(tmp_path: Path, penyunting: dict, expect: str) -> None:
    content = make_network(tmp_path)
    for slug in ("kim-uji-metro", "kim-uji-panipahan"):  # one KIM: only the open_authoring rule can fire
        (content / "kim" / slug / "kim.yml").unlink()
        (content / "kim" / slug).rmdir()
    without_editor(content, **penyunting)
    messages = editor_problems(content)
    assert any(m.startswith("content/_data/jaringan.yml:") and expect in m for m in messages), messages


def test_image_fields_name_the_raster_kinds_the_pull_request_check_accepts(tmp_path: Path) -> None:
    """Decap 3.16's default media library has no file-type option: the hint and the check share one list."""
    from warta_admin.config import decap_config
    from warta_cli.ownership import WRITER_IMAGE_SUFFIXES, writer_file_refusal

    network, _ = load_network(str(make_network(tmp_path)))
    (collection, *_) = decap_config(network)["collections"]
    hint = next(field for field in collection["fields"] if field["name"] == "gambar")["hint"]
    assert hint.startswith("Hanya JPG, JPEG, PNG, GIF, WEBP, HEIC, HEIF (SVG ditolak pemeriksaan).")
    for suffix in WRITER_IMAGE_SUFFIXES:
        assert suffix[1:].upper() in hint
        assert writer_file_refusal(["gambar", f"foto{suffix}"]) is None
    assert "SVG" in (writer_file_refusal(["gambar", "logo.svg"]) or "")


def test_uploads_are_stripped_in_the_browser_and_capped_at_the_check_limit(tmp_path: Path) -> None:
    """Decap re-encodes photos before upload (no GPS reaches the repository) and refuses files over `batas:`."""
    from warta_admin.config import config_yaml, decap_config

    content = make_network(tmp_path)
    jaringan = content / "_data" / "jaringan.yml"
    jaringan.write_text(jaringan.read_text(encoding="utf-8") + "batas:\n  ukuran_gambar_kb: 5120\n", encoding="utf-8")
    network, problems = load_network(str(content))
    assert not problems.errors
    config = yaml.safe_load(config_yaml(decap_config(network)))
    assert config["media_processing"] == {"enabled": True, "strip_metadata": True, "quality": 85}
    for collection in config["collections"]:
        image = next(field for field in collection["fields"] if field["name"] == "gambar")
        assert image["media_library"] == {"config": {"max_file_size": 5120 * 1024}}


def test_config_is_made_again_only_when_the_network_changes(tmp_path: Path) -> None:
    """Kept in the cache under a key of the network data: a KIM renamed in kim.yml reaches /admin/ at once."""
    content = make_network(tmp_path)
    output = tmp_path / "output"
    build_content(content, output)
    cached = Path(str(output) + ".cache") / "warta-admin-config.json"
    assert cached.is_file()
    first_key = json.loads(cached.read_text(encoding="utf-8"))["key"]
    build_content(content, output)
    assert json.loads(cached.read_text(encoding="utf-8"))["key"] == first_key
    profile = content / "kim" / "kim-uji-bagelen" / "kim.yml"
    old = yaml.safe_load(profile.read_text(encoding="utf-8"))["nama"]
    profile.write_text(profile.read_text(encoding="utf-8").replace(old, "KIM Bagelen Bersinar"), encoding="utf-8")
    build_content(content, output)
    config = yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert any(c["label"] == "KIM Bagelen Bersinar" for c in config["collections"]), [
        c["label"] for c in config["collections"]
    ]
    assert json.loads(cached.read_text(encoding="utf-8"))["key"] != first_key


PENYUNTING = ROOT / "plugins" / "warta_admin" / "static" / "penyunting.js"
NODE = shutil.which("node")


def editor_format(script: str) -> object:
    """Run ``script`` in node with penyunting.js loaded (``window.wartaKimFormat``); its printed JSON."""
    prelude = f"global.window = {{addEventListener() {{}}}}; require({json.dumps(str(PENYUNTING))});\n"
    result = subprocess.run([NODE, "-e", prelude + script], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_every_form_field_is_filled_from_the_header_line_it_writes(demo_output: Path) -> None:
    """A file written with git opens with every field filled, and saving writes each header line once."""
    repeated = ("body", "ralat", "aspirasi-tahap")
    fields = [f for f in admin_config(demo_output)["collections"][0]["fields"] if f["name"] not in repeated]
    header = "\n".join(f"{field['label']}: nilai-{field['name']}" for field in fields)
    steps = "Aspirasi-Tahap: 2024-03-01 | diterima\nAspirasi-Tahap: 2024-03-05 | dijawab | Dinas PUPR | Dijadwalkan.\n"
    text = header + "\nRalat: 2024-03-06 08:00 | Catatan.\n" + steps + "\nIsi.\n"
    found = editor_format(
        f"const f = window.wartaKimFormat, d = f.fromFile({json.dumps(text)});"
        "console.log(JSON.stringify({data: d, again: f.toFile(d)}));"
    )
    data = found["data"]
    for field in fields:
        value = data.get(field["name"])
        expected = f"nilai-{field['name']}"
        assert value in (expected, [expected]), f"{field['label']}: the form field {field['name']} got {value!r}"
    assert data["ralat"] == [{"tanggal": "2024-03-06 08:00", "catatan": "Catatan."}]
    assert data["aspirasi-tahap"] == [
        {"tanggal": "2024-03-01", "tahap": "diterima", "oleh": "", "catatan": ""},
        {"tanggal": "2024-03-05", "tahap": "dijawab", "oleh": "Dinas PUPR", "catatan": "Dijadwalkan."},
    ]
    again = found["again"]
    for field in fields:
        assert (
            again.lower().count(f"\n{field['label'].lower()}:") + again.lower().startswith(f"{field['label'].lower()}:")
            == 1
        ), f"{field['label']} is written more than once or not at all"
    assert "Klaim: nilai-klaim" in again and "Alasan-Pencabutan: nilai-alasan-pencabutan" in again
    assert steps in again  # each step written back on its own line, as read


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_fields_the_check_requires_in_a_case_are_not_labelled_optional(demo_output: Path) -> None:
    """Decap labels a field the form does not require "(<optional>)": never "tidak wajib" where the check may."""
    script = (
        "global.window = {}; require(" + json.dumps(str(PENYUNTING.with_name("bahasa-id.js"))) + ");"
        "console.log(JSON.stringify(window.wartaKimLocale.editor.editorControl.field.optional));"
    )
    result = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    optional = json.loads(result.stdout)
    fields = {f["name"]: f for f in admin_config(demo_output)["collections"][0]["fields"]}
    conditional = [
        name for name in ("deskripsi-gambar", "penilaian", "sumber") if not fields[name].get("required", True)
    ]
    assert conditional, "the fields the check requires in a case are optional in the form"
    assert "tidak" not in optional and optional == "bila perlu"
    assert all("Wajib bila" in fields[name]["hint"] for name in conditional)
