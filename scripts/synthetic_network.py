"""Generate a synthetic KIM network for benchmarks, deterministic from a seed.

KIMs are placed in real regions of the demo registry (content/_data/wilayah.csv),
articles are about 400 words of Indonesian-looking text with a cover image and
1-3 topics, dated over the seven years before today. Used by ``scripts/bench.py``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VOCABULARY = """
warga desa kelompok informasi masyarakat kegiatan posyandu balai sosialisasi program pemerintah bantuan
pelatihan jurnalistik anggota ketua rapat koordinasi dinas komunikasi informatika kabupaten kecamatan petani
panen padi jagung kopi kakao sawit nelayan pasar usaha produk lokal keripik madu terasi kain sekolah guru
murid beasiswa literasi kesehatan imunisasi gizi stunting air bersih jalan jembatan banjir kebakaran lahan
hutan sungai pantai gotong royong kebersihan sampah pohon budaya adat kesenian lomba agustus musyawarah
aspirasi usulan laporan kabar hoaks pesan berantai klarifikasi sumber resmi pagi siang sore malam minggu
bulan tahun baru lama besar kecil banyak sedikit bersama membantu menjelaskan mengikuti menyampaikan
mendengarkan menulis membaca memeriksa membagikan menyiapkan mengajak
"""
WORDS = VOCABULARY.split()
COVER = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630"><title>Sampul</title>'
    '<rect width="1200" height="630" fill="#0b5d3b"/><circle cx="600" cy="315" r="200" fill="#f2b705"/></svg>\n'
)


def author_name(number: int) -> str:
    """Letters only: Pelican's default pagination would turn "Penulis 1" page 2 into "penulis-12"."""
    return chr(65 + number % 26) + chr(65 + number // 26 % 26)


def villages(registry: Path) -> list[str]:
    """Codes of every desa/kelurahan in the registry."""
    with registry.open(encoding="utf-8") as handle:
        return [row["kode"] for row in csv.DictReader(handle) if row["kode"].count(".") == 3]


def sentence(rng: random.Random) -> str:
    """One sentence of 8-16 words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, words: int = 400) -> str:
    """Paragraphs and a subheading, about ``words`` words long."""
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        if len(paragraphs) == 3:
            paragraphs.append("## " + sentence(rng).rstrip("."))
    return "\n\n".join(paragraphs) + "\n"


def generate(root: Path, articles: int, kims: int, seed: int = 1) -> Path:
    """Write ``root/content`` with ``kims`` KIMs and ``articles`` articles; return the content path."""
    rng = random.Random(seed)
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "_data").mkdir(parents=True)
    for name in ("jaringan.yml", "topik.yml", "wilayah.csv"):
        shutil.copy(REPO / "content" / "_data" / name, content / "_data" / name)
    topic_file = (REPO / "content/_data/topik.yml").read_text(encoding="utf-8")
    topics = [line.split(":", 1)[1].strip() for line in topic_file.splitlines() if line.startswith("- slug:")]
    places = villages(content / "_data" / "wilayah.csv")
    rng.shuffle(places)
    slugs = []
    for index in range(kims):
        slug = f"kim-{index:05d}"
        folder = content / "kim" / slug
        (folder / "gambar").mkdir(parents=True)
        (folder / "gambar" / "sampul.svg").write_text(COVER)
        (folder / "kim.yml").write_text(
            f'nama: KIM Sintetis {index:05d}\ndesa: "{places[index % len(places)]}"\n'
            f"ketua: Anggota {index}\njumlah_anggota: {rng.randint(3, 30)}\n"
            "deskripsi: KIM sintetis untuk pengukuran kinerja.\n",
            encoding="utf-8",
        )
        slugs.append(slug)
    # Seven years up to the start of today: the newest stories are recent, as in a living network (share cards
    # for recent stories, the capacity forecast's 90-day rate); the same seed gives the same network all day.
    span_minutes = 7 * 365 * 24 * 60
    today = dt.datetime.now(dt.UTC).replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
    start = today - dt.timedelta(minutes=span_minutes)
    for index in range(articles):
        slug = slugs[index % kims] if index < kims else rng.choice(slugs)
        when = start + dt.timedelta(minutes=rng.randrange(span_minutes))
        chosen = rng.sample(topics, rng.randint(1, 3))
        path = content / "kim" / slug / str(when.year) / f"{when:%Y-%m-%d}-berita-{index:06d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            f"Judul: {sentence(rng).rstrip('.')}\n"
            f"Tanggal: {when:%Y-%m-%d %H:%M}\n"
            f"Penulis: Penulis {author_name(index % 97)}\n"
            f"Topik: {', '.join(chosen)}\n"
            f"Ringkasan: {sentence(rng)}\n"
            "Gambar: gambar/sampul.svg\n"
            "Deskripsi-Gambar: Ilustrasi kegiatan warga\n\n" + body(rng),
            encoding="utf-8",
        )
    return content


def main() -> None:
    """Command-line entry: ``python scripts/synthetic_network.py DIR --articles N --kims K``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--kims", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.root, args.articles, args.kims, args.seed))


if __name__ == "__main__":
    main()
