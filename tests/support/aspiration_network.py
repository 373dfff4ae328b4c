"""Shared by tests in several folders (moved from ``test_aspirations``)."""

from __future__ import annotations

import datetime as dt

from support.site import article

WIB = dt.timezone(dt.timedelta(hours=7))


NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=WIB)


OPEN_OLD = """\
Judul: Jalan Dusun II Bagelen Berlubang
Tanggal: 2026-10-01 09:00
Topik: pemerintahan
Aspirasi: Warga meminta jalan Dusun II yang berlubang diperbaiki sebelum musim hujan.
Aspirasi-Dari: warga RT 03 Dusun II
Aspirasi-Kepada: Dinas PUPR
Aspirasi-Tahap: 2026-10-01 | diterima | Disampaikan dalam rapat RT.
Aspirasi-Tahap: 2026-10-03 | diteruskan | Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran

Isi berita aspirasi.
"""


OPEN_NEW = """\
Judul: Lampu Jalan Metro Padam
Tanggal: 2026-11-20 08:00
Topik: pemerintahan
Aspirasi: Warga meminta lampu jalan di depan pasar dinyalakan kembali.
Aspirasi-Dari: pedagang pasar Metro
Aspirasi-Kepada: DLH
Aspirasi-Tahap: 2026-11-20 | diterima

Isi berita aspirasi kedua.
"""


ANSWERED = """\
Judul: Posyandu Bagelen Butuh Timbangan
Tanggal: 2026-11-01 10:00
Topik: kesehatan
Aspirasi: Kader meminta timbangan bayi baru untuk posyandu.
Aspirasi-Dari: kader posyandu Dusun I
Aspirasi-Kepada: Dinas Kesehatan Kabupaten Pesawaran
Aspirasi-Tahap: 2026-11-01 | diterima
Aspirasi-Tahap: 2026-11-02 | diteruskan | Dinas Kesehatan Kabupaten Pesawaran
Aspirasi-Tahap: 2026-11-10 14:00 | dijawab | Dinas Kesehatan Kabupaten Pesawaran |
    petugas dinas menyampaikan timbangan dikirim bulan depan.

Isi berita aspirasi ketiga.
"""


DONE = """\
Judul: Dermaga Panipahan Rusak
Tanggal: 2026-09-01 09:00
Topik: pemerintahan
Aspirasi: Nelayan meminta papan dermaga yang patah diganti.
Aspirasi-Dari: kelompok nelayan Panipahan Laut
Aspirasi-Kepada: Dinas Perikanan Kabupaten Rokan Hilir
Aspirasi-Tahap: 2026-09-01 | diterima
Aspirasi-Tahap: 2026-09-05 | diteruskan | Dinas Perikanan Kabupaten Rokan Hilir
Aspirasi-Tahap: 2026-09-20 | dijawab | Dinas Perikanan Kabupaten Rokan Hilir |
    petugas dinas menyampaikan papan diganti bulan depan.
Aspirasi-Tahap: 2026-10-15 | selesai | Papan dermaga sudah diganti.

Isi berita aspirasi keempat.
"""


CLOSED = """\
Judul: Taman Metro Diminta Dibuka
Tanggal: 2026-08-10 09:00
Topik: pemerintahan
Aspirasi: Warga meminta lahan kosong dijadikan taman.
Aspirasi-Dari: Ibu Sri Lestari
Aspirasi-Dari-Setuju: ya
Aspirasi-Kepada: Dinas Lingkungan Hidup Kota Metro
Aspirasi-Tahap: 2026-08-10 | diterima
Aspirasi-Tahap: 2026-08-20 | tidak dapat ditindaklanjuti | lahan itu milik swasta.

Isi berita aspirasi kelima.
"""


FOLLOW_UP = """\
Judul: Dermaga Panipahan Sudah Diperbaiki
Tanggal: 2026-10-16 09:00
Topik: pemerintahan
Tindak-Lanjut-Aspirasi: /kim/kim-uji-panipahan/dermaga-rusak/

Nelayan kembali menambatkan perahu.
"""


FILES = {
    "kim/kim-uji-bagelen/2026/jalan-berlubang.md": OPEN_OLD,
    "kim/kim-uji-metro/2026/lampu-jalan.md": OPEN_NEW,
    "kim/kim-uji-bagelen/2026/timbangan.md": ANSWERED,
    "kim/kim-uji-panipahan/2026/dermaga-rusak.md": DONE,
    "kim/kim-uji-metro/2026/taman.md": CLOSED,
    "kim/kim-uji-panipahan/2026/dermaga-diperbaiki.md": FOLLOW_UP,
    "kim/kim-uji-bagelen/2026/panen.md": article("Panen Raya", "2026-11-25 08:00", "pertanian"),
}
