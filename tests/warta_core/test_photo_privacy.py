"""A photo that tells where it was taken or whose phone took it is refused before it is committed.

Real JPEG, PNG, WebP and HEIC files are made here with a GPS position, a
camera make and model, an XMP packet holding a position, or only a rotation
flag; the real ``kim periksa`` must refuse each private one with its exact
Indonesian message (the file named, the ``kim foto`` command to run) and
accept the rotation flag. Then the command the message names is run, and
the check passes with no metadata left. The rule is in
``plugins/warta_core/photo_privacy.py``; more cases (a PNG chunk after the
pixels, an iPhone photo, harmless metadata the build drops) are data in
``tests/fixtures/hostile/photo-*.case``.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin
from support.kim_inprocess import kim
from support.photo_samples import metadata_found
from support.site import make_network

from warta_cli.foto import cleaned_blob
from warta_core.photo_privacy import private_metadata
from warta_core.validation import check_network

KIM = "kim/kim-uji-bagelen"
GPS = {1: "S", 2: (5.0, 26.0, 12.5), 3: "E", 4: (105.0, 15.0, 3.0)}
XMP_GPS = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="5,26.2S" '
    'exif:GPSLongitude="105,15.0E"/></rdf:RDF></x:xmpmeta>'
)
MESSAGE = (
    "Foto ini menyimpan data pribadi tersembunyi ({found}); berkas aslinya ikut tersimpan di repositori portal "
    "yang bisa dibuka siapa saja."
)
FIX = "Jalankan `kim foto {path}` untuk membuang data itu, lalu simpan berkas yang sudah bersih."
FIX_HEIC = (
    "Jalankan `kim foto {path}`: foto iPhone ini disimpan ulang sebagai `{jpeg}` yang bersih. Ganti nama berkasnya "
    "di berita, hapus berkas HEIC ini, lalu simpan perubahannya."
)
POSITION, CAMERA = "lokasi GPS", "merek atau model ponsel/kamera"
FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "heic": "HEIF"}


def _exif(**tags: object) -> Image.Exif:
    exif = Image.Exif()
    if "gps" in tags:
        exif.get_ifd(0x8825).update(tags.pop("gps"))  # type: ignore[arg-type]
    exif.update({int(key[1:], 16): value for key, value in tags.items()})
    return exif


def picture(extension: str, *, exif: Image.Exif | None = None, xmp: str = "", **extra: object) -> bytes:
    """A small real photo in the format of ``extension``, with the metadata given."""
    if extension == "heic":
        pytest.importorskip("pillow_heif")
    image = Image.new("RGB", (48, 32), (30, 120, 60))
    image.paste((220, 20, 20), (0, 0, 8, 8))
    options: dict[str, object] = {**extra}
    if exif is not None:
        options["exif"] = exif.tobytes()
    if xmp and extension == "png":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp)
        options["pnginfo"] = info
    elif xmp:
        options["xmp"] = xmp.encode()
    buffer = io.BytesIO()
    image.save(buffer, FORMATS[extension], **options)
    return buffer.getvalue()


SAMPLES = {  # name -> (metadata, what the check must say it found; empty: accepted)
    "lokasi": ({"exif": _exif(gps=GPS)}, (POSITION,)),
    "ponsel": ({"exif": _exif(x010F="PabrikPonselUji", x0110="PonselUji X12")}, (CAMERA,)),
    "xmp-lokasi": ({"xmp": XMP_GPS}, (POSITION,)),
    "semua": ({"exif": _exif(gps=GPS, x010F="PabrikPonselUji", x0110="PonselUji X12")}, (POSITION, CAMERA)),
    "tegak": ({"exif": _exif(x0112=6)}, ()),
}


def _line(relative: str, found: tuple[str, ...]) -> str:
    """The report line ``kim periksa`` prints for one private photo."""
    path = f"content/{relative}"
    heic = path.endswith(".heic")
    fix = FIX_HEIC.format(path=path, jpeg=Path(path).stem + ".jpg") if heic else FIX.format(path=path)
    return f"  {path}: {MESSAGE.format(found=', '.join(found))} {fix}"


@pytest.mark.parametrize("extension", list(FORMATS))
def test_private_photos_are_refused_until_kim_foto_cleans_them(
    extension: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"{KIM}/gambar/{name}.{extension}": picture(extension, **meta) for name, (meta, _) in SAMPLES.items()}
    content = make_network(tmp_path, files)
    monkeypatch.chdir(tmp_path)  # where a writer runs `kim`: the repository's root, above content/
    checked = kim("check")
    assert checked.returncode == 1
    report = checked.stderr.splitlines()
    for name, (_meta, found) in SAMPLES.items():
        relative = f"{KIM}/gambar/{name}.{extension}"
        if found:
            assert _line(relative, found) in report, checked.stderr
        else:
            assert not any(relative in line for line in report), f"{name} is not private:\n{checked.stderr}"

    # The command each message names, exactly as written there, fixes that photo.
    for name, (_meta, found) in SAMPLES.items():
        if found:
            command = _line(f"{KIM}/gambar/{name}.{extension}", found).split("`")[1].split()
            assert command[:2] == ["kim", "foto"]
            done = kim(*command[1:])
            assert done.returncode == 0, done.stderr
            if extension == "heic":  # the clean JPEG is beside it; the writer deletes the HEIC, as told
                (content / KIM / "gambar" / f"{name}.heic").unlink()
    assert kim("check").returncode == 0, kim("check").stderr
    listed = kim("foto", "--periksa").stdout  # only the rotation (and HEIC) is left to tidy: nothing private
    assert [line.split(": ")[0] for line in listed.splitlines()] == [f"content/{KIM}/gambar/tegak.{extension}"]
    assert "data pribadi" not in listed
    for photo in (content / KIM / "gambar").iterdir():
        assert photo.suffix != ".heic" or photo.stem == "tegak"
        data = photo.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            assert private_metadata(image) == [], photo.name
        if photo.stem != "tegak":
            assert metadata_found(data) == [], photo.name
            assert b"PonselUji" not in data and b"GPSLatitude" not in data


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _after_pixels(png: bytes, *chunks: bytes) -> bytes:
    """The PNG with ``chunks`` after its pixel data (Pillow reads them only when it loads the pixels)."""
    end = png.rindex(b"IEND") - 4
    return png[:end] + b"".join(chunks) + png[end:]


def _text_png(texts: dict[str, str]) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        info.add_text(key, value, zip=key.startswith("Raw profile"))
    return picture("png", pnginfo=info)


def _in_exif_ifd(**tags: object) -> Image.Exif:
    exif = Image.Exif()
    exif.get_ifd(0x8769).update({int(key[1:], 16): value for key, value in tags.items()})
    return exif


def _raw_profile(exif: Image.Exif) -> str:
    """EXIF as ImageMagick keeps it in a PNG text chunk."""
    raw = exif.tobytes()
    return f"\nexif\n{len(raw):8d}\n{raw.hex()}\n"


XMP_MODEL = XMP_GPS.replace(
    'exif:GPSLatitude="5,26.2S" exif:GPSLongitude="105,15.0E"/>',
    'xmlns:tiff="http://ns.adobe.com/tiff/1.0/">\n  <tiff:Model>PonselUji X12</tiff:Model>\n</rdf:Description>',
)
XMP_EMPTY = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><tiff:Make></tiff:Make><tiff:Model/><exif:GPSLatitude=""/></x:xmpmeta>'
EDGE_CASES = {  # file -> (bytes, what the check must say it found; empty: accepted)
    "seri.jpg": (picture("jpg", exif=_in_exif_ifd(xA431="SN-0042", xA435="L-7")), ("nomor seri kamera",)),
    "pemilik.webp": (picture("webp", exif=_in_exif_ifd(xA430="Sari Uji")), ("nama pemilik kamera",)),
    "iphone.jpg": (picture("jpg", exif=_exif(x013C="iPhone 13")), (CAMERA,)),
    "setelah-piksel.png": (_after_pixels(picture("png"), _png_chunk(b"eXIf", _exif(gps=GPS).tobytes())), (POSITION,)),
    "imagemagick.png": (_text_png({"Raw profile type exif": _raw_profile(_exif(x0110="X12"))}), (CAMERA,)),
    "teks-gps.png": (_text_png({"exif:GPSLatitude": "5,26.2S"}), (POSITION,)),
    "xmp-elemen.webp": (picture("webp", xmp=XMP_MODEL), (CAMERA,)),
    "kosong.jpg": (picture("jpg", exif=_exif(x010F="", x0110="\x00"), xmp=XMP_EMPTY), ()),
    "harmless.jpg": (
        picture(
            "jpg",
            exif=_exif(x0112=3, x0131="Editor Foto 2.1", x0132="2024:03:05 09:30:00"),
            dpi=(300, 300),
            icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
            comment=b"Posyandu Maret",
        ),
        (),
    ),
    "perangkat-lunak.png": (_text_png({"Software": "Editor Foto 2.1", "Comment": "tanpa data pribadi"}), ()),
}


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_the_rule_reads_every_place_pillow_exposes(name: str, tmp_path: Path) -> None:
    """Serial numbers, owner, HostComputer, PNG chunks after the pixels, ImageMagick profiles, PNG text keys,
    XMP as elements; and what is not private (empty values, orientation, dates, Software, dpi, ICC, comments)."""
    data, found = EDGE_CASES[name]
    content = make_network(tmp_path, {f"{KIM}/gambar/{name}": data})
    errors = [p for p in check_network(content).problems.errors if p.path.endswith(name)]
    if not found:
        assert errors == []
        return
    assert [p.message for p in errors] == [MESSAGE.format(found=", ".join(found))]
    assert errors[0].hint == FIX.format(path=f"content/{KIM}/gambar/{name}")


def test_the_refusal_is_the_same_with_a_warm_check_cache(tmp_path: Path) -> None:
    """The build's check cache keeps articles, never an image's verdict: a photo swapped under a cached
    article is judged again, and cleaning it lifts the refusal."""
    article = "Judul: Posyandu\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\nGambar: gambar/foto.jpg\n"
    article += "Deskripsi-Gambar: Kader menimbang balita\n\nIsi berita.\n"
    clean = picture("jpg", exif=_exif(x0112=6))
    content = make_network(tmp_path, {f"{KIM}/gambar/foto.jpg": clean, f"{KIM}/2024/posyandu.md": article})
    cache = tmp_path / "cache"
    photo = content / KIM / "gambar" / "foto.jpg"
    stamp = os.stat(photo)
    old = (stamp.st_atime_ns, stamp.st_mtime_ns - 10**10)
    os.utime(photo, ns=old)  # older than the cache's racy window, so the article is remembered
    os.utime(content / KIM / "2024" / "posyandu.md", ns=old)
    assert check_network(content, cache_dir=str(cache)).ok
    assert (cache / "warta-check.pickle").is_file()
    photo.write_bytes(picture("jpg", exif=_exif(gps=GPS)))
    for _run in range(2):
        result = check_network(content, cache_dir=str(cache))
        assert [p.message for p in result.problems.errors] == [MESSAGE.format(found=POSITION)]
    assert kim("--konten", str(content), "foto", str(photo)).returncode == 0
    assert check_network(content, cache_dir=str(cache)).ok


@pytest.mark.parametrize("extension", list(FORMATS))
def test_history_blobs_are_cleaned_in_their_own_format(extension: str) -> None:
    """``cleaned_blob`` (for ``git filter-repo --blob-callback``, docs/user-guide/photos.md) rewrites a private
    photo in its own format and leaves everything else alone."""
    private = picture(extension, exif=_exif(gps=GPS, x010F="PabrikPonselUji"))
    cleaned = cleaned_blob(private)
    assert cleaned is not None
    with Image.open(io.BytesIO(cleaned)) as image, Image.open(io.BytesIO(private)) as before:
        assert image.format == before.format and image.size == before.size
        image.load()
        assert private_metadata(image) == []
        assert not image.getexif()
    assert cleaned_blob(picture(extension, exif=_exif(x0112=6))) is None
    assert cleaned_blob(b"Judul: bukan foto\n") is None
    assert cleaned_blob(private[: len(private) // 2]) is None  # a damaged blob stays as it was
