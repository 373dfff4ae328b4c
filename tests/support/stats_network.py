"""The known test network of the statistics tests (issue 15), its articles and its expected figures.

Now is 30 June 2025, 12:00 WIB. Kabupaten Pesawaran has 4 desa and one KIM
(coverage 25 %: most of its desa have none), Kota Metro 1 desa and one KIM,
Kabupaten Rokan Hilir 3 desa and one KIM that never wrote. Bagelen has five
counted articles (one of them scheduled, its date passed) besides a draft and
a scheduled article still in the future; Metro one, 149 days before now.
"""

from __future__ import annotations

import datetime as dt

from support.site import article

# A fact check needs its claim, verdict and source (warta_core.factcheck); the figures do not depend on them.
CLAIM = {"klaim": "Bantuan tunai lewat tautan.", "penilaian": "Salah", "sumber": "https://contoh.invalid/"}

NOW = dt.datetime(2025, 6, 30, 5, 0, tzinfo=dt.UTC)  # 12:00 WIB
BAGELEN, METRO, PANIPAHAN = "kim-uji-bagelen", "kim-uji-metro", "kim-uji-panipahan"

FILES = {
    f"kim/{BAGELEN}/2025/cek-hoaks.md": article("Cek Hoaks Bansos", "2025-06-20 10:00", "cek-fakta", **CLAIM),
    f"kim/{BAGELEN}/2025/usulan.md": article("Usulan Jalan Desa", "2025-05-10 09:00", "aspirasi-warga, kesehatan"),
    f"kim/{BAGELEN}/2024/posyandu.md": article("Posyandu Balita", "2024-09-01 08:00", "kesehatan"),
    f"kim/{BAGELEN}/2023/lama.md": article("Kabar Lama", "2023-01-15 08:00", "kesehatan"),
    f"kim/{BAGELEN}/2025/jadwal-lewat.md": article(
        "Jadwal Imunisasi", "2025-06-01 07:00", "kesehatan", status="terjadwal"
    ),
    f"kim/{BAGELEN}/2025/jadwal-nanti.md": article(
        "Panen Raya Nanti", "2025-07-10 07:00", "pertanian", status="terjadwal"
    ),
    f"kim/{BAGELEN}/2025/draf.md": article("Masih Draf", "2025-06-25 07:00", "kesehatan", status="draf"),
    f"kim/{METRO}/2025/klarifikasi.md": article("Klarifikasi Kabar Banjir", "2025-02-01 10:00", "cek-fakta", **CLAIM),
}

# Expected: (desa in the registry, desa with a KIM, coverage shown)
COVERAGE = {
    "": (8, 3, "37,5%"),
    "18.09": (4, 1, "25,0%"),
    "18.09.01": (2, 1, "50,0%"),
    "18.09.02": (2, 0, "0,0%"),
    "18.72": (1, 1, "100,0%"),
    "18.72.01": (1, 1, "100,0%"),
    "14.07": (3, 1, "33,3%"),
    "14.07.06": (3, 1, "33,3%"),
}
MONTHS_WITH_NEWS = {"2025-06": 2, "2025-05": 1, "2025-02": 1, "2024-09": 1}  # 2023-01 is outside the 24 months
