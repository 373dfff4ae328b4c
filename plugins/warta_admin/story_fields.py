"""The optional fields of the article form: fact checks, corrections and replies, withdrawal.

Each group mirrors one checker of ``warta_core`` (factcheck, corrections,
withdrawals); field names are the header names in lower case, which
``static/penyunting.js`` reads and writes as the documented ``Kolom: nilai``
lines. Kept apart from :mod:`.config` so the form's kinds of story each stay
in one place.
"""

from __future__ import annotations


def accountability_fields() -> list[dict]:
    """Corrections and the right of reply (warta_core.corrections); penyunting.js writes one ``Ralat:`` line a note."""
    return [
        {
            "name": "ralat",
            "label": "Ralat",
            "label_singular": "ralat",
            "widget": "list",
            "required": False,
            "default": [],  # no note until the writer adds one (a default item would be saved as an empty Ralat)
            "collapsed": False,
            "summary": "{{fields.tanggal}}: {{fields.catatan}}",
            "hint": "Hanya untuk berita yang sudah terbit dan ternyata memuat fakta yang salah. Perbaiki isinya, lalu "
            "tambahkan satu ralat: apa yang salah dan apa yang benar. Salah ketik kecil tidak perlu ralat.",
            "fields": [
                {"name": "tanggal", "label": "Tanggal ralat", "widget": "datetime", "format": "YYYY-MM-DD HH:mm",
                 "default": "{{now}}"},
                {"name": "catatan", "label": "Catatan", "widget": "string",
                 "hint": "Misalnya: Nama kepala desa tertulis Sutrisno, seharusnya Sutarno."},
            ],
        },
        {
            "name": "hak-jawab-untuk",
            "label": "Hak-Jawab-Untuk",
            "widget": "string",
            "required": False,
            "hint": "Hanya untuk berita hak jawab: alamat berita yang dijawab di portal, "
            "misalnya /kim/kim-bagelen/jalan-desa/.",
        },
        {
            "name": "hak-jawab-dari",
            "label": "Hak-Jawab-Dari",
            "widget": "string",
            "required": False,
            "hint": "Wajib bila ada Hak-Jawab-Untuk: orang atau lembaga yang menyampaikan hak jawab.",
        },
    ]  # fmt: skip


def factcheck_fields(verdicts: list[dict[str, str]]) -> list[dict]:
    """The optional fields of a clarification (warta_core.factcheck): Klaim makes an article one."""
    return [
        {
            "name": "klaim",
            "label": "Klaim",
            "widget": "text",
            "required": False,
            "hint": "Hanya untuk klarifikasi hoaks: inti kabar yang beredar, dikutip singkat. Bila diisi, "
            "Penilaian dan Sumber wajib, dan berita masuk topik Cek Fakta.",
        },
        {
            "name": "penilaian",
            "label": "Penilaian",
            "widget": "select",
            "required": False,
            "options": verdicts,
            "hint": "Wajib bila ada Klaim: hasil pemeriksaan Anda.",
        },
        {
            "name": "beredar-di",
            "label": "Beredar-Di",
            "widget": "string",
            "required": False,
            "hint": "Tempat kabar itu beredar, dipisah koma. Contoh: WhatsApp, Facebook.",
        },
        {
            "name": "tanggal-klaim",
            "label": "Tanggal-Klaim",
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "time_format": False,
            "required": False,
            "hint": "Kapan kabar itu mulai beredar.",
        },
        {
            "name": "sumber",
            "label": "Sumber",
            "widget": "text",
            "required": False,
            "hint": "Wajib bila ada Klaim: alamat situs resmi (diawali https://) atau keterangan narasumber. "
            "Pisahkan beberapa sumber dengan tanda |.",
        },
    ]


def withdrawal_fields(reasons: list[dict[str, str]]) -> list[dict]:
    """Withdrawal (warta_core.withdrawals) and the "masih perlu verifikasi" label."""
    return [
        {
            "name": "perlu-verifikasi",
            "label": "Perlu-Verifikasi",
            "widget": "select",
            "required": False,
            "options": [{"label": 'Ya, tampilkan label "masih perlu verifikasi"', "value": "ya"}],
            "hint": "Hanya selama fakta berita belum dipastikan. Kosongkan setelah dipastikan.",
        },
        {
            "name": "dicabut",
            "label": "Dicabut",
            "widget": "datetime",
            "format": "YYYY-MM-DD HH:mm",
            "required": False,
            "hint": "Hanya untuk mencabut berita yang sudah terbit (jangan menghapus berkasnya): isi waktu "
            "pencabutan, Alasan-Pencabutan, dan Penjelasan-Pencabutan. Isi dan foto berita tidak lagi tampil; "
            "alamatnya menampilkan alasan pencabutan.",
        },
        {
            "name": "alasan-pencabutan",
            "label": "Alasan-Pencabutan",
            "widget": "select",
            "required": False,
            "options": reasons,
            "hint": "Wajib bila ada Dicabut: alasan menurut pedoman pemberitaan.",
        },
        {
            "name": "penjelasan-pencabutan",
            "label": "Penjelasan-Pencabutan",
            "widget": "text",
            "required": False,
            "hint": "Wajib bila ada Dicabut: satu atau dua kalimat untuk pembaca, tanpa mengulang isi yang dicabut.",
        },
    ]


STEP_OPTIONS = [
    {"label": "Diterima KIM", "value": "diterima"},
    {"label": "Diteruskan ke instansi", "value": "diteruskan"},
    {"label": "Dijawab instansi", "value": "dijawab"},
    {"label": "Selesai", "value": "selesai"},
    {"label": "Tidak dapat ditindaklanjuti", "value": "tidak-dapat-ditindaklanjuti"},
]


def aspiration_fields(institutions: list[dict[str, str]]) -> list[dict]:
    """Aspirasi warga (warta_core.aspirations); penyunting.js writes one ``Aspirasi-Tahap:`` line a step."""
    return [
        {
            "name": "aspirasi",
            "label": "Aspirasi",
            "widget": "text",
            "required": False,
            "hint": "Hanya untuk berita aspirasi warga: permintaan warga dalam satu kalimat. Bila diisi, "
            "Aspirasi-Dari, Aspirasi-Kepada, dan Aspirasi-Tahap wajib.",
        },
        {
            "name": "aspirasi-dari",
            "label": "Aspirasi-Dari",
            "widget": "string",
            "required": False,
            "hint": "Kelompok warga, misalnya: warga RT 03 Dusun II. Nama orang hanya bila ia setuju. "
            "Jangan menulis nomor telepon, NIK, atau nomor KK.",
        },
        {
            "name": "aspirasi-dari-setuju",
            "label": "Aspirasi-Dari-Setuju",
            "widget": "select",
            "required": False,
            "options": [{"label": "Ya, orang yang disebut setuju namanya dimuat", "value": "ya"}],
            "hint": "Hanya bila Aspirasi-Dari menyebut nama orang.",
        },
        {
            "name": "aspirasi-kepada",
            "label": "Aspirasi-Kepada",
            "widget": "select",
            "required": False,
            "options": institutions,
            "hint": "Instansi yang dituju (daftar jaringan: content/_data/instansi.yml).",
        },
        {
            "name": "aspirasi-tahap",
            "label": "Aspirasi-Tahap",
            "label_singular": "tahap",
            "widget": "list",
            "required": False,
            "default": [],  # no step until the writer adds one (an empty item would be saved as a step)
            "collapsed": False,
            "summary": "{{fields.tanggal}}: {{fields.tahap}}",
            "hint": "Satu butir per tahap, dari yang paling lama: diterima, diteruskan, dijawab, selesai.",
            "fields": [
                {"name": "tanggal", "label": "Tanggal", "widget": "datetime", "format": "YYYY-MM-DD HH:mm",
                 "default": "{{now}}"},
                {"name": "tahap", "label": "Tahap", "widget": "select", "options": STEP_OPTIONS},
                {"name": "oleh", "label": "Dijawab oleh", "widget": "string", "required": False,
                 "hint": "Hanya untuk tahap dijawab: instansi atau jabatan yang menjawab."},
                {"name": "catatan", "label": "Catatan", "widget": "string", "required": False,
                 "hint": "Diteruskan: kepada siapa. Dijawab: apa jawabannya. Tidak dapat ditindaklanjuti: "
                 "mengapa."},
            ],
        },
        {
            "name": "tindak-lanjut-aspirasi",
            "label": "Tindak-Lanjut-Aspirasi",
            "widget": "string",
            "required": False,
            "hint": "Hanya untuk berita tindak lanjut: alamat berita aspirasi yang ditindaklanjuti, "
            "misalnya /kim/kim-bagelen/jalan-dusun-ii/.",
        },
    ]  # fmt: skip
