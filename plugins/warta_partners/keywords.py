"""Built-in Indonesian keywords for the standard KIM topics.

Used to put partner news on topic pages. A network with other topics, or
other words, lists its own in ``content/_data/mitra-kata-kunci.yml``
(``slug: [kata, kunci]``), which replaces these per topic. Words that are
also parts of place names ("sungai", "teluk") are deliberately absent.
"""

from __future__ import annotations

DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "pemerintahan": (
        "pemerintah desa", "kepala desa", "kades", "lurah", "camat", "bupati", "wali kota", "gubernur",
        "musyawarah desa", "musdes", "musrenbang", "dana desa", "apbdes", "perangkat desa", "peraturan desa",
        "pelayanan publik", "administrasi kependudukan", "ktp", "kartu keluarga", "bantuan sosial", "bansos",
        "blt", "dprd", "pemkab", "pemda", "kantor desa", "balai desa",
    ),
    "kesehatan": (
        "posyandu", "puskesmas", "pustu", "imunisasi", "vaksin", "vaksinasi", "stunting", "gizi", "bidan",
        "kesehatan", "demam berdarah", "dbd", "malaria", "tbc", "bpjs kesehatan", "sanitasi", "jamban",
        "balita", "ibu hamil", "lansia", "fogging", "jentik",
    ),
    "pendidikan": (
        "sekolah", "siswa", "pelajar", "guru", "paud", "tk", "sd", "smp", "sma", "smk", "madrasah",
        "pesantren", "beasiswa", "literasi", "perpustakaan", "taman baca", "mahasiswa", "kkn", "ujian",
        "pendidikan", "belajar",
    ),
    "pertanian": (
        "petani", "pertanian", "panen", "tanam", "pupuk", "sawah", "padi", "jagung", "irigasi", "kebun",
        "perkebunan", "sawit", "karet", "kopi", "kakao", "cokelat", "kelompok tani", "gapoktan", "penyuluh",
        "ternak", "peternak", "sapi", "kambing", "ayam", "nelayan", "ikan", "tambak", "perikanan", "budidaya",
        "rumput laut", "hama", "benih", "bibit",
    ),
    "ekonomi-umkm": (
        "umkm", "usaha mikro", "bumdes", "badan usaha milik desa", "koperasi", "pasar", "pedagang", "harga",
        "produk lokal", "oleh oleh", "keripik", "kerajinan", "modal usaha", "pinjaman", "wirausaha", "ekspor",
        "pemasaran", "toko", "ekonomi", "pariwisata", "wisata", "homestay",
    ),
    "cek-fakta": (
        "hoaks", "hoax", "kabar bohong", "berita bohong", "berita palsu", "cek fakta", "disinformasi",
        "misinformasi", "klarifikasi", "penipuan", "modus penipuan", "pesan berantai",
    ),
    "aspirasi-warga": (
        "aspirasi", "keluhan", "mengeluhkan", "usulan warga", "pengaduan", "jalan rusak", "jalan berlubang",
        "warga meminta", "warga berharap", "rembuk warga", "audiensi", "protes",
    ),
    "budaya": (
        "budaya", "adat", "tradisi", "kesenian", "seni", "tari", "tarian", "festival", "sedekah bumi",
        "sedekah laut", "ruwatan", "pawai", "hari jadi", "begawi", "tapis", "pencak silat", "kuda lumping",
        "sanggar", "museum", "cagar budaya",
    ),
    "lingkungan": (
        "sampah", "bank sampah", "penghijauan", "pohon", "mangrove", "bakau", "kebersihan", "pencemaran",
        "limbah", "plastik", "abrasi", "hutan desa", "lingkungan", "daur ulang", "kompos", "air bersih",
    ),
    "kebencanaan": (
        "banjir", "banjir rob", "rob", "longsor", "tanah longsor", "kebakaran", "karhutla", "kebakaran hutan",
        "gempa", "tsunami", "bpbd", "evakuasi", "pengungsi", "siaga bencana", "tanggap darurat",
        "puting beliung", "angin kencang", "kekeringan", "bencana", "mitigasi",
    ),
    "kegiatan-kim": (
        "kim", "kelompok informasi masyarakat", "pelatihan jurnalistik", "jurnalisme warga", "diskominfo",
        "kominfo", "literasi digital", "pewarta warga",
    ),
}  # fmt: skip
