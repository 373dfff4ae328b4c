"""Where a photo was taken and whose camera took it: metadata the check refuses before it is committed.

The build never publishes metadata (``warta_images`` re-encodes every raster
with an empty ``info``), but the file a writer commits stays in the
portal's repository, which is usually public. So the check refuses a raster
image whose metadata, as Pillow exposes it after the image was opened and
loaded by :func:`.image_check.inspect_raster` (no decoding of its own), holds:

- **position**: an EXIF GPS IFD (``0x8825``) with any entry;
- **the camera**: Make, Model, HostComputer (iPhones write the model there),
  LensMake, LensModel, MakerNote (the maker's block, with serial numbers);
- **serial numbers**: BodySerialNumber, LensSerialNumber, CameraSerialNumber;
- **a person**: CameraOwnerName, Artist;
- the same fields in an **XMP** packet (JPEG APP1, PNG iTXt, WebP and HEIF
  chunks: ``exif:GPS…``, ``tiff:Make``, ``aux:SerialNumber``…), in **PNG text
  chunks** (a key naming one, or an ImageMagick ``Raw profile type`` holding
  one), and EXIF wherever Pillow finds it (JPEG APP1, PNG eXIf or raw profile,
  WebP and HEIF chunks).

Not refused, because nothing in it tells where or whose: orientation,
resolution (dpi, JFIF density), ICC colour profiles, dates, exposure
settings, Software, comments, IPTC, the EXIF thumbnail. An empty value
(``Make: ""``) tells nothing either. EXIF that Pillow cannot parse is refused:
what it holds cannot be known. GIF is not read (Pillow exposes no EXIF or
XMP for it); the build publishes its first frame re-encoded.
"""

from __future__ import annotations

import re
import struct
from typing import Any

from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
POSITION = "lokasi GPS"
CAMERA = "merek atau model ponsel/kamera"
SERIAL = "nomor seri kamera"
OWNER = "nama pemilik kamera"
UNREADABLE = "data EXIF yang tidak bisa dibaca"
LABEL_ORDER = (POSITION, CAMERA, SERIAL, OWNER, UNREADABLE)

IFD0_TAGS = {0x010F: CAMERA, 0x0110: CAMERA, 0x013C: CAMERA, 0x013B: OWNER, 0xC62F: SERIAL}
EXIF_TAGS = {0x927C: CAMERA, 0xA430: OWNER, 0xA431: SERIAL, 0xA433: CAMERA, 0xA434: CAMERA, 0xA435: SERIAL}
# XMP property local names (any prefix: exif:, exifEX:, tiff:, aux:…) and what they tell.
XMP_NAMES = {
    "Make": CAMERA, "Model": CAMERA, "HostComputer": CAMERA, "LensMake": CAMERA, "LensModel": CAMERA,
    "Lens": CAMERA, "SerialNumber": SERIAL, "BodySerialNumber": SERIAL, "LensSerialNumber": SERIAL,
    "CameraSerialNumber": SERIAL, "CameraOwnerName": OWNER, "OwnerName": OWNER, "Artist": OWNER,
}  # fmt: skip
_NAMES = "GPS[A-Za-z]*|" + "|".join(sorted(XMP_NAMES, key=len, reverse=True))
# A property with a value: an attribute `p:Name="x…"` or an element `<p:Name>x…`, never a closing tag.
# The look-behind starts a match only at a name's first character, so the scan is linear.
_XMP_FIELD = re.compile(rf"(?<![\w./-])[A-Za-z_][\w.-]*:({_NAMES})\s*(?:=\s*[\"']\s*[^\"'\s]|>\s*[^<\s])".encode())
_TEXT_KEY = re.compile(rf"(?:^|[:_ ])({_NAMES})$")
XMP_KEYS = ("xmp", "XML:com.adobe.xmp")
RAW_PROFILE = "Raw profile type "  # ImageMagick keeps EXIF, XMP and IPTC as hex in PNG text chunks
EXIF_ERRORS = (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError, struct.error, UnicodeDecodeError)


def _has_value(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip(" \x00"))
    if isinstance(value, bytes):
        return bool(value.strip(b" \x00"))
    return value is not None


def _name_label(name: str) -> str:
    return POSITION if name.startswith("GPS") else XMP_NAMES[name]


def exif_labels(image: Image.Image) -> set[str]:
    """What the EXIF block tells of place, camera and owner."""
    found: set[str] = set()
    try:
        exif = image.getexif()
        if not exif:
            return found
        if any(_has_value(value) for value in exif.get_ifd(GPS_IFD).values()):
            found.add(POSITION)
        for tags, values in ((IFD0_TAGS, exif), (EXIF_TAGS, exif.get_ifd(EXIF_IFD))):
            found.update(label for tag, label in tags.items() if _has_value(values.get(tag)))
    except EXIF_ERRORS:
        found.add(UNREADABLE)
    return found


def text_labels(text: str | bytes) -> set[str]:
    """What an XMP packet (or any metadata text) names among the refused fields."""
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    return {_name_label(match.group(1).decode()) for match in _XMP_FIELD.finditer(data)}


def _raw_profile(value: str) -> bytes:
    """The bytes of an ImageMagick raw profile: a blank line, its type, its length, then hex lines."""
    try:
        return bytes.fromhex("".join(value.split("\n")[3:]))
    except ValueError:
        return value.encode("utf-8", "replace")


def png_text_labels(image: Image.Image) -> set[str]:
    """What PNG text chunks (tEXt, zTXt, iTXt) tell by their key or their content."""
    found: set[str] = set()
    for key, value in getattr(image, "text", {}).items():
        match = _TEXT_KEY.search(key)
        if match and _has_value(value):
            found.add(_name_label(match.group(1)))
        if key in XMP_KEYS:
            continue  # read with the other XMP packets
        found |= text_labels(_raw_profile(value) if key.startswith(RAW_PROFILE) else value)
    return found


def private_metadata(image: Image.Image) -> list[str]:
    """What private metadata ``image`` carries, as Indonesian labels in a fixed order (empty when none).

    Load a PNG first: it may keep text chunks after the pixels, which Pillow reads only on load (the other
    formats hold their metadata in the header that ``Image.open`` parses).
    """
    found = exif_labels(image)
    for key in XMP_KEYS:
        if image.info.get(key):
            found |= text_labels(image.info[key])
    if image.format == "PNG":
        found |= png_text_labels(image)
    return [label for label in LABEL_ORDER if label in found]
