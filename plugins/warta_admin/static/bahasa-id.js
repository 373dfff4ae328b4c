/*
 * Warta KIM web editor (/admin/): the Indonesian interface of Decap CMS.
 *
 * Decap ships no Indonesian locale. penyunting.js registers this one as "id"; Decap merges it over
 * English, so a phrase not translated here shows in English.
 */
(function () {
  'use strict';

  window.wartaKimLocale = {
    auth: {
      login: 'Masuk',
      loggingIn: 'Sedang masuk...',
      loginWithNetlifyIdentity: 'Masuk dengan Netlify Identity',
      loginWithGitHub: 'Masuk dengan GitHub',
      loginWithGitLab: 'Masuk dengan GitLab',
      loginWithGitea: 'Masuk dengan Gitea',
      loginWithBitbucket: 'Masuk dengan Bitbucket',
      errors: {
        email: 'Isi alamat email Anda.',
        password: 'Isi kata sandi Anda.',
        identitySettings: 'Pengaturan identitas tidak bisa dibuka. Hubungi pengelola jaringan.'
      }
    },
    app: {
      header: { content: 'Berita', workflow: 'Alur kerja', media: 'Gambar', quickAdd: 'Tulis berita' },
      app: {
        errorHeader: 'Pengaturan penyunting tidak bisa dimuat',
        configErrors: 'Kesalahan pengaturan',
        checkConfigYml: 'Hubungi pengelola jaringan: pengaturan penyunting (config.yml) perlu diperbaiki.',
        loadingConfig: 'Memuat pengaturan...',
        waitingBackend: 'Menunggu penyimpanan berita...'
      },
      notFoundPage: { header: 'Halaman tidak ditemukan' }
    },
    collection: {
      sidebar: { collections: 'KIM', allCollections: 'Semua KIM', searchAll: 'Cari semua berita', searchIn: 'Cari di' },
      collectionTop: {
        sortBy: 'Urutkan',
        viewAs: 'Tampilan',
        viewAsList: 'Daftar',
        viewAsGrid: 'Kisi',
        newButton: '＋ Tulis berita baru',
        newButtonAriaLabel: 'Tulis berita baru untuk %{collectionLabel}',
        ascending: 'Naik',
        descending: 'Turun',
        searchResults: 'Hasil pencarian "%{searchTerm}"',
        searchResultsInCollection: 'Hasil pencarian "%{searchTerm}" di %{collection}',
        filterBy: 'Saring',
        groupBy: 'Kelompokkan'
      },
      entries: {
        loadingEntries: 'Memuat berita...',
        cachingEntries: 'Menyiapkan berita...',
        longerLoading: 'Ini bisa memakan beberapa menit',
        noEntries: 'Belum ada berita',
        unpublishedHeader: 'Berita yang belum terbit'
      },
      groups: { other: 'Lainnya', negateLabel: 'Bukan %{label}' },
      defaultFields: { author: { label: 'Penulis' }, updatedOn: { label: 'Diperbarui' } }
    },
    editor: {
      // Decap writes "<label> (<optional>)" beside every field the form does not require. Some of them the
      // check does require in a case (Deskripsi-Gambar with a photo, Penilaian with a Klaim): "bila perlu"
      // stays true for all of them, and each field's hint says when.
      editorControl: { field: { optional: 'bila perlu', widgetLabel: 'kolom %{widgetLabel}' } },
      editorControlPane: {
        widget: {
          required: '%{fieldLabel} wajib diisi.',
          regexPattern: '%{fieldLabel} tidak sesuai pola: %{pattern}.',
          processing: '%{fieldLabel} sedang diproses.',
          range: '%{fieldLabel} harus antara %{minValue} dan %{maxValue}.',
          min: '%{fieldLabel} paling sedikit %{minValue}.',
          max: '%{fieldLabel} paling banyak %{maxValue}.',
          rangeCount: '%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} pilihan.',
          rangeCountExact: '%{fieldLabel} harus berisi tepat %{count} pilihan.',
          rangeMin: 'Pilih paling sedikit %{minCount} %{fieldLabel}.',
          rangeMax: 'Pilih paling banyak %{maxCount} %{fieldLabel}.',
          invalidPath: "'%{path}' bukan alamat berkas yang sah",
          pathExists: "Berkas '%{path}' sudah ada: ganti judulnya"
        }
      },
      editor: {
        onLeavePage: 'Yakin ingin meninggalkan halaman ini? Perubahan yang belum disimpan akan hilang.',
        onUpdatingWithUnsavedChanges: 'Ada perubahan yang belum disimpan. Simpan dulu sebelum mengubah status.',
        onPublishingNotReady: 'Ubah status menjadi "Siap" sebelum menerbitkan.',
        onPublishingWithUnsavedChanges: 'Ada perubahan yang belum disimpan. Simpan dulu sebelum menerbitkan.',
        onPublishing: 'Yakin ingin menerbitkan berita ini?',
        onUnpublishing: 'Yakin ingin menarik berita ini dari portal?',
        onDeleteWithUnsavedChanges: 'Yakin ingin menghapus berita ini beserta perubahan yang belum disimpan?',
        onDeletePublishedEntry: 'Yakin ingin menghapus berita yang sudah terbit ini?',
        onDeleteUnpublishedChangesWithUnsavedChanges: 'Semua perubahan yang belum terbit akan dihapus. Lanjutkan?',
        onDeleteUnpublishedChanges: 'Semua perubahan yang belum terbit akan dihapus. Lanjutkan?',
        loadingEntry: 'Memuat berita...',
        confirmLoadBackup: 'Ada salinan cadangan berita ini di perangkat Anda. Pakai salinan itu?'
      },
      editorInterface: { togglePreview: 'Pratinjau', toggleScrollSync: 'Gulir bersamaan' },
      editorToolbar: {
        publishing: 'Menerbitkan...',
        publish: 'Terbitkan',
        published: 'Terbit',
        unpublish: 'Tarik dari portal',
        duplicate: 'Gandakan',
        unpublishing: 'Menarik...',
        publishAndCreateNew: 'Terbitkan lalu tulis berita baru',
        publishAndDuplicate: 'Terbitkan lalu gandakan',
        deleteUnpublishedChanges: 'Hapus perubahan yang belum terbit',
        deleteUnpublishedEntry: 'Hapus berita yang belum terbit',
        deletePublishedEntry: 'Hapus berita yang sudah terbit',
        deleteEntry: 'Hapus berita',
        saving: 'Menyimpan...',
        save: 'Simpan',
        statusInfoTooltipDraft: 'Berita masih draf. Untuk diperiksa pembina, ubah statusnya menjadi "Ditinjau".',
        statusInfoTooltipInReview: 'Berita sedang ditinjau. Anda masih boleh memperbaikinya.',
        deleting: 'Menghapus...',
        updating: 'Memperbarui...',
        status: 'Status: %{status}',
        backCollection: ' Menulis untuk %{collectionLabel}',
        unsavedChanges: 'Belum disimpan',
        changesSaved: 'Tersimpan',
        draft: 'Draf',
        inReview: 'Ditinjau',
        ready: 'Siap',
        publishNow: 'Terbitkan sekarang',
        deployPreviewPendingButtonLabel: 'Periksa pratinjau',
        deployPreviewButtonLabel: 'Lihat pratinjau',
        deployButtonLabel: 'Lihat di portal'
      },
      editorWidgets: {
        markdown: {
          bold: 'Tebal',
          italic: 'Miring',
          strikethrough: 'Coret',
          code: 'Kode',
          link: 'Tautan',
          linkPrompt: 'Tulis alamat tautan',
          headings: 'Subjudul',
          quote: 'Kutipan',
          bulletedList: 'Daftar berbutir',
          numberedList: 'Daftar bernomor',
          addComponent: 'Sisipkan',
          richText: 'Teks biasa',
          markdown: 'Markdown',
          toggleMode: { rich: 'Pindah ke teks biasa', markdown: 'Pindah ke Markdown' }
        },
        image: {
          choose: 'Pilih gambar',
          chooseMultiple: 'Pilih gambar',
          chooseDifferent: 'Ganti gambar',
          addMore: 'Tambah gambar',
          remove: 'Hapus gambar',
          removeAll: 'Hapus semua gambar'
        },
        headingOptions: {
          headingOne: 'Subjudul 1', headingTwo: 'Subjudul 2', headingThree: 'Subjudul 3',
          headingFour: 'Subjudul 4', headingFive: 'Subjudul 5', headingSix: 'Subjudul 6'
        },
        datetime: { now: 'Sekarang', clear: 'Kosongkan', setToNow: 'Isi %{fieldLabel} dengan waktu sekarang' },
        list: { add: 'Tambah %{item}', addType: 'Tambah %{item}' }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: { draft: 'Draf', copy: 'Salin', copyUrl: 'Salin alamat', copyPath: 'Salin lokasi', copyName: 'Salin nama', copied: 'Tersalin' },
      mediaLibrary: {
        onDelete: 'Yakin ingin menghapus gambar yang dipilih?',
        fileTooLarge: 'Berkas terlalu besar.\nUkuran paling besar %{size} kB.'
      },
      mediaLibraryModal: {
        loading: 'Memuat...',
        close: 'Tutup',
        noResults: 'Tidak ada hasil.',
        noAssetsFound: 'Belum ada berkas.',
        noImagesFound: 'Belum ada gambar.',
        private: 'Pribadi ',
        images: 'Gambar',
        mediaAssets: 'Berkas',
        search: 'Cari...',
        uploading: 'Mengunggah...',
        upload: 'Unggah',
        download: 'Unduh',
        deleting: 'Menghapus...',
        deleteSelected: 'Hapus yang dipilih',
        chooseSelected: 'Pakai yang dipilih'
      }
    },
    ui: {
      default: { goBackToSite: 'Kembali ke portal' },
      errorBoundary: {
        title: 'Terjadi kesalahan',
        details: 'Terjadi kesalahan. Salin tulisan Anda, lalu ',
        reportIt: 'laporkan ke pengelola jaringan.',
        detailsHeading: 'Rincian',
        recoveredEntry: {
          heading: 'Tulisan yang diselamatkan',
          warning: 'Salin tulisan ini ke tempat lain sebelum meninggalkan halaman!',
          copyButtonLabel: 'Salin'
        }
      },
      settingsDropdown: { logOut: 'Keluar', account: 'Akun' },
      toast: {
        onFailToLoadEntries: 'Berita gagal dimuat: %{details}',
        onFailToPersist: 'Berita gagal disimpan: %{details}',
        onFailToDelete: 'Berita gagal dihapus: %{details}',
        onFailToUpdateStatus: 'Status gagal diubah: %{details}',
        missingRequiredField: 'Ada kolom wajib yang belum diisi. Lengkapi dulu sebelum menyimpan.',
        entrySaved: 'Berita tersimpan',
        entryPublished: 'Berita diterbitkan',
        entryUnpublished: 'Berita ditarik dari portal',
        onFailToPublishEntry: 'Berita gagal diterbitkan: %{details}',
        onFailToUnpublishEntry: 'Berita gagal ditarik: %{details}',
        entryUpdated: 'Status berita diubah',
        onDeleteUnpublishedChanges: 'Perubahan yang belum terbit dihapus',
        onFailToAuth: '%{details}',
        onLoggedOut: 'Anda sudah keluar. Salin tulisan Anda, lalu masuk lagi.',
        onBackendDown: 'Layanan penyimpanan sedang gangguan. Lihat %{details}.'
      }
    },
    workflow: {
      workflow: {
        loading: 'Memuat alur kerja',
        workflowHeading: 'Alur kerja berita',
        newPost: 'Tulis berita',
        description: '%{smart_count} berita menunggu tinjauan, %{readyCount} siap terbit.',
        dateFormat: 'D MMMM'
      },
      workflowCard: {
        lastChange: '%{date} oleh %{author}',
        lastChangeNoAuthor: '%{date}',
        lastChangeNoDate: 'oleh %{author}',
        deleteChanges: 'Hapus perubahan',
        deleteNewEntry: 'Hapus berita baru',
        publishChanges: 'Terbitkan perubahan',
        publishNewEntry: 'Terbitkan berita baru'
      },
      workflowList: {
        onDeleteEntry: 'Yakin ingin menghapus berita ini?',
        onPublishingNotReadyEntry: 'Hanya berita berstatus "Siap" yang bisa diterbitkan. Geser kartunya ke kolom "Siap".',
        onPublishEntry: 'Yakin ingin menerbitkan berita ini?',
        draftHeader: 'Draf',
        inReviewHeader: 'Ditinjau',
        readyHeader: 'Siap',
        currentEntries: '%{smart_count} berita'
      }
    }
  };
}());
