"""Spellings residents type that typo correction cannot reach, and what to search for instead.

Typo correction (``cari.js``: Damerau-Levenshtein against the index's own
words) mends ``vaksn`` or ``posiandu``; it cannot mend an English spelling
two edits away in a four-letter word (``hoax``), an abbreviation
(``dbd``), a colloquial word (``hp``, ``macan``) or a word whose first
letter was lost (``sunami``: the vocabulary is sharded by first letter).
Those are listed here, typed form (one word, a hyphenated word, or two words)
-> what the portal's stories write. The search runs both when the typed form
is itself in the index. An entry is published only when every word of its
replacement is in the index, so the table can hold the language's common
cases without sending a phone entries that find nothing.

Built in rather than a data file: these are facts about how Indonesian is
typed, the same for every network; a network's own place or programme names
are in its stories and so already in the vocabulary.
"""

from __future__ import annotations

SPELLINGS: dict[str, str] = {
    # English and older spellings of loanwords (KBBI: x -> ks, c -> k)
    "hoax": "hoaks",
    "hoaxs": "hoaks",
    "vaccine": "vaksin",
    "online": "daring",
    "link": "tautan",
    "clinic": "klinik",
    "corona": "covid",
    "korona": "covid",
    # the identity card: e-KTP is what everyone says, KTP-el what the Dukcapil writes
    "e-ktp": "ktp-el",
    "ektp": "ktp-el",
    "e ktp": "ktp-el",
    "ktp elektronik": "ktp-el",
    # a first letter lost, which the first-letter shards cannot correct
    "sunami": "tsunami",
    "tsunamy": "tsunami",
    # abbreviations residents use for what stories spell out
    "dbd": "demam berdarah",
    "bpjs": "jkn",
    "kis": "jkn",
    "kia": "kartu identitas anak",
    "blt": "bantuan tunai",
    "bansos": "bantuan",
    "medsos": "media sosial",
    "sosmed": "media sosial",
    "pilkada": "pemilu",
    "pileg": "pemilu",
    "pilpres": "pemilu",
    "kades": "kepala desa",
    # colloquial and regional words
    "hp": "ponsel",
    "hape": "ponsel",
    "handphone": "ponsel",
    "wa": "whatsapp",
    "watsap": "whatsapp",
    "wasap": "whatsapp",
    "macan": "harimau",
    "bakau": "mangrove",
    "rob": "banjir pasang",
    "nyoblos": "mencoblos",
    "anjing gila": "rabies",
    "imunisasi": "vaksin",
    "agustusan": "tujuh belasan",
}
