"""The vocabulary beside the search index (``pagefind/kata/<letter>.json``) that ``cari.js`` mends typing with.

It is read from Pagefind's own fragments, so it holds exactly the indexed words (articles only, drafts
never), with the number of articles each is in; meN-/peN- words are filed under the t/k root the
Indonesian stemmer cannot give back (``penipuan`` under ``tipu``); a built-in spelling is published only
when what it stands for is in the index; a shard never holds more than ``SHARD_WORDS`` words.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from support.site import article, build_network

from warta_search import vocabulary
from warta_search.spellings import SPELLINGS

STORY = article("Warga Bagelen Waspada Penipuan Bantuan", Ringkasan="Modus penipuan lewat e-KTP palsu.")
STORY += "\nPelaku menipu warga dengan meminta foto KTP-el. Petugas mengirim peringatan lewat pengeras suara.\n"
DRAFT = article("Draf Rahasia Sekali", date="2024-03-06 10:00", Status="draf") + "\nKata zamrudkhatulistiwa.\n"

# The build's year is the stories' (2024): they go into the main part of the index, pagefind/ (partitions.py).
IN_2024 = {"WARTA_NOW": dt.datetime(2024, 12, 1, 12, 0, tzinfo=dt.UTC)}


def shard(output: Path, letter: str) -> dict:
    return json.loads((output / "pagefind" / vocabulary.FOLDER / f"{letter}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("word", "roots"),
    [
        ("penipuan", ["tipuan", "tipu"]),
        ("menipu", ["tipu"]),
        ("mengirim", ["kirim"]),
        ("pengirimannya", ["kirimannya", "kiriman", "kirim"]),
        ("menanam", ["tanam"]),
        ("menyapu", []),  # meny- + s: the stemmer gives back the s itself
        ("memukul", []),  # mem- + p: likewise
        ("makan", []),
    ],
)
def test_nasal_words_are_filed_under_the_root_the_stemmer_loses(word: str, roots: list[str]) -> None:
    assert vocabulary.nasal_roots(word) == roots


def test_build_writes_the_indexed_words_of_articles_only(tmp_path: Path) -> None:
    output = build_network(
        tmp_path, {"kim/kim-uji-bagelen/2024/a.md": STORY, "kim/kim-uji-bagelen/2024/draf.md": DRAFT}, **IN_2024
    )
    p_words = shard(output, "p")["words"]
    assert p_words["penipuan"] == 1 and "pengeras" in p_words
    assert shard(output, "t")["forms"]["tipu"][0] in {"penipuan", "menipu"}
    assert "mengirim" in shard(output, "k")["forms"]["kirim"]
    assert shard(output, "e")["spellings"]["e-ktp"] == "ktp-el"
    hoax = output / "pagefind" / vocabulary.FOLDER / "h.json"  # no story writes hoaks: nothing to send
    assert not hoax.exists() or "hoax" not in shard(output, "h")["spellings"]
    every = set()
    for path in (output / "pagefind" / vocabulary.FOLDER).glob("*.json"):
        every |= set(json.loads(path.read_text(encoding="utf-8"))["words"])
    assert "zamrudkhatulistiwa" not in every and "rahasia" not in every, "a draft's words reached the vocabulary"


def test_spellings_are_published_only_when_they_can_find_something() -> None:
    shards = vocabulary.build_shards(Counter({"hoaks": 3, "tsunami": 1}))
    assert shards["h"]["spellings"] == {"hoax": "hoaks", "hoaxs": "hoaks"}
    assert shards["s"]["spellings"] == {"sunami": "tsunami"}
    assert "d" not in shards, "dbd -> demam berdarah was published although neither word is indexed"


def test_spelling_table_is_lower_case_and_points_somewhere_else() -> None:
    for typed, meant in SPELLINGS.items():
        assert typed == typed.lower().strip() and meant == meant.lower().strip(), typed
        assert typed != meant and len(typed.split()) <= 2, f"{typed!r}: cari.js looks up one word or a pair"


def test_a_shard_keeps_the_most_frequent_words_within_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocabulary, "SHARD_WORDS", 2)
    shards = vocabulary.build_shards(Counter({"banjir": 9, "bantu": 5, "bagan": 1, "kopi": 1}))
    assert shards["b"]["words"] == {"bantu": 5, "banjir": 9}
    assert shards["k"]["words"] == {"kopi": 1}
