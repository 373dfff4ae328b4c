"""How a resident reaches a KIM without a server: WhatsApp and SMS links with a prefilled message.

A static portal cannot take complaints, but every phone can send a message.
Every KIM page and desa page offers "Sampaikan aspirasi": a ``wa.me`` link, an
``sms:`` link for basic phones and the KIM's address for people who come in
person (``theme/templates/_aspirasi_kontak.html``). Rules, stated where they
live:

- **Which number.** The WhatsApp link goes only to ``kontak.whatsapp`` of
  ``kim.yml``. A mobile ``kontak.telepon`` is *not* taken as the WhatsApp
  number: not every mobile number has WhatsApp (a ``wa.me`` link to one that
  has not opens an error in the app), and the KIM decides which number it
  watches for aspirations. SMS reaches any mobile number, so the SMS link goes
  to ``whatsapp``, or when there is none to a ``telepon`` that is a mobile
  number; a landline gets neither.
- **Which form.** A number is an Indonesian mobile number as
  :func:`warta_core.personal_numbers.is_private_mobile` recognises it
  (``0812-…``, ``+62 812-…``, ``62812…``), kept in international form
  ``62812…``: ``wa.me`` wants digits with the country code and no ``+`` or
  leading zero, and ``sms:+62…`` works from any SIM card.
- **The message** asks what happened, where (desa, RT/RW) and since when, and
  reminds the sender not to send NIK or KK numbers or photos of ID cards
  (:mod:`.personal_numbers`). The SMS text is shorter and plain: at most 160
  GSM-7 characters, one SMS, because a longer one is split and each part is
  paid for.
- **Encoding.** Every text is percent-encoded here with
  :func:`urllib.parse.quote` and ``safe=""`` (a space is ``%20``, a line break
  ``%0A``; ``&``, ``#`` or ``?`` in a KIM's or desa's name cannot end the
  parameter), never assembled in a template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from .personal_numbers import LENGTH, is_private_mobile, mask, mobile_numbers


class Reachable(Protocol):
    """What the links need of a KIM (``profiles.KimProfile``): its name, WhatsApp number and ``kontak:``."""

    @property
    def name(self) -> str:
        """The KIM's name, which the message greets."""
        ...

    @property
    def whatsapp(self) -> str:
        """``kontak.whatsapp`` in international form (``62812…``), or ``""``."""
        ...

    @property
    def contact(self) -> Mapping[str, str]:
        """The ``kontak:`` block as written."""
        ...


WHATSAPP_KEY = "whatsapp"
CONTACT_KEYS = ("telepon", WHATSAPP_KEY, "email", "alamat")  # what `kontak:` of kim.yml holds
SMS_LIMIT = 160  # GSM-7 characters in one SMS
_GSM_PLAIN = re.compile(r"[A-Za-z0-9 .,'()/:\-]*")  # GSM-7 basic characters a place name may use in the SMS


def international_mobile(written: object) -> str | None:
    """``62812…`` for one Indonesian mobile number as written (``0812-…``, ``+62 812 …``), else None."""
    text = str(written).strip()
    if not is_private_mobile(text):
        return None
    return mobile_numbers(text)[0].removeprefix("+")


def shown_number(number: str) -> str:
    """A ``62812…`` number the way Indonesians write it: ``0812-3456-7890``."""
    national = "0" + number.removeprefix("62")
    return "-".join((national[:4], national[4:8], national[8:])).rstrip("-")


def shown_written(written: object) -> str:
    """What was written, for a message; a run of 16 or more digits is masked (it may be a NIK, logs are public)."""
    text = str(written).strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return mask(digits) if len(digits) >= LENGTH else text


def whatsapp_message(kim_name: str, place: str = "") -> str:
    """The prefilled WhatsApp text: what, where, since when, and no ID numbers."""
    return "\n".join(
        (
            f"Halo {kim_name}, saya ingin menyampaikan aspirasi.",
            "Apa yang terjadi: ",
            f"Di mana (desa/kelurahan, RT/RW): {place}",
            "Sejak kapan: ",
            "Mohon jangan kirim NIK, nomor KK, atau foto KTP/KK.",
        )
    )


def sms_message(place: str = "") -> str:
    """The prefilled SMS text: the same questions in one plain SMS (the place is left out when it does not fit)."""
    lines = ["Aspirasi warga", "Apa yang terjadi: ", "Di mana (desa, RT/RW): ", "Sejak kapan: "]
    lines.append("Jangan kirim NIK, nomor KK, atau foto KTP/KK.")
    text = "\n".join(lines)
    if place and _GSM_PLAIN.fullmatch(place) and len(text) + len(place) <= SMS_LIMIT:
        lines[2] += place
    return "\n".join(lines)


def whatsapp_url(number: str, text: str) -> str:
    """``https://wa.me/62812…?text=…`` (WhatsApp's click-to-chat address)."""
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def sms_url(number: str, text: str) -> str:
    """``sms:+62812…?body=…``.

    The standard form (RFC 5724), the one Android's messaging apps read, and
    Android is most of Indonesia's phones; iOS versions that wanted ``;body=``
    or ``&body=`` are old, and those forms break the link on Android. An app
    that ignores the body still opens a message to the right number, so the
    link never does worse than a bare ``sms:`` number. No browser sniffing:
    the pages carry no JavaScript.
    """
    return f"sms:+{number}?body={quote(text, safe='')}"


@dataclass(frozen=True)
class AspirationContact:
    """The ways to reach one KIM with an aspiration; an empty field is a way the KIM has not given."""

    whatsapp_url: str = ""
    whatsapp_number: str = ""  # as shown: 0812-3456-7890
    sms_url: str = ""
    sms_number: str = ""
    address: str = ""

    @property
    def reachable(self) -> bool:
        """True when the KIM gave at least one way."""
        return bool(self.whatsapp_url or self.sms_url or self.address)


def sms_number(contact: Mapping[str, str], whatsapp: str = "") -> str:
    """The number for SMS: the WhatsApp one, else a mobile ``telepon``; ``""`` when there is none."""
    return whatsapp or international_mobile(contact.get("telepon", "")) or ""


def aspiration_contact(kim: Reachable, place: str = "") -> AspirationContact:
    """Links and address for ``kim``; ``place`` (``Desa Bagelen``) prefills "where" on a desa page."""
    where = f"{place}, " if place else ""
    sms = sms_number(kim.contact, kim.whatsapp)
    return AspirationContact(
        whatsapp_url=whatsapp_url(kim.whatsapp, whatsapp_message(kim.name, where)) if kim.whatsapp else "",
        whatsapp_number=shown_number(kim.whatsapp) if kim.whatsapp else "",
        sms_url=sms_url(sms, sms_message(where)) if sms else "",
        sms_number=shown_number(sms) if sms else "",
        address=kim.contact.get("alamat", "").strip(),
    )
