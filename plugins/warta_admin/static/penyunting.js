/*
 * Warta KIM web editor (/admin/): the article format, then Decap CMS with the Indonesian locale.
 *
 * Loaded after bahasa-id.js and before decap-cms.js, so CMS_MANUAL_INIT stops Decap from starting
 * before the format and the locale are registered. The "warta-kim" format reads what `kim periksa`
 * reads (the documented "Kolom: nilai" header, or YAML front matter with Indonesian or English
 * keys) and writes the documented header, so articles written on the web and with git look the
 * same, and older articles open in the editor with their fields filled in. Before each save (Decap's
 * preSave event) it asks for the fields the check requires once another is filled, dates the file name by
 * Tanggal and sets Status from it (see beforeSave).
 */
(function () {
  'use strict';

  window.CMS_MANUAL_INIT = true;

  // Written header names (any case, "_" or "-") -> form field names; mirrors FIELD_NAMES in
  // plugins/warta_core/metadata.py.
  var ALIASES = {
    judul: 'judul', title: 'judul',
    tanggal: 'tanggal', date: 'tanggal',
    penulis: 'penulis', author: 'penulis',
    topik: 'topik', topics: 'topik', tags: 'topik',
    desa: 'desa', kelurahan: 'desa',
    ringkasan: 'ringkasan', summary: 'ringkasan',
    gambar: 'gambar', image: 'gambar',
    'deskripsi-gambar': 'deskripsi-gambar', 'image-alt': 'deskripsi-gambar', 'alt-gambar': 'deskripsi-gambar',
    status: 'status',
    slug: 'slug',
    diperbarui: 'diperbarui', modified: 'diperbarui',
    id: 'id',
    ralat: 'ralat', koreksi: 'ralat', correction: 'ralat',
    klaim: 'klaim', claim: 'klaim',
    penilaian: 'penilaian', verdict: 'penilaian', rating: 'penilaian',
    sematkan: 'sematkan', pin: 'sematkan',
    dicabut: 'dicabut', withdrawn: 'dicabut'
  };
  // Written order and names: the documented header (README, /panduan/).
  var HEADER = [
    ['judul', 'Judul'], ['tanggal', 'Tanggal'], ['penulis', 'Penulis'], ['topik', 'Topik'],
    ['desa', 'Desa'], ['ringkasan', 'Ringkasan'], ['gambar', 'Gambar'],
    ['deskripsi-gambar', 'Deskripsi-Gambar'], ['status', 'Status'], ['slug', 'Slug'],
    ['diperbarui', 'Diperbarui'], ['id', 'ID'],
    ['klaim', 'Klaim'], ['penilaian', 'Penilaian'], ['beredar-di', 'Beredar-Di'],
    ['tanggal-klaim', 'Tanggal-Klaim'], ['sumber', 'Sumber'], ['bukan-nik', 'Bukan-NIK'],
    ['aspirasi', 'Aspirasi'], ['aspirasi-dari', 'Aspirasi-Dari'], ['aspirasi-dari-setuju', 'Aspirasi-Dari-Setuju'],
    ['aspirasi-kepada', 'Aspirasi-Kepada'], ['tindak-lanjut-aspirasi', 'Tindak-Lanjut-Aspirasi'],
    ['sematkan', 'Sematkan'], ['hak-jawab-untuk', 'Hak-Jawab-Untuk'], ['hak-jawab-dari', 'Hak-Jawab-Dari'],
    ['perlu-verifikasi', 'Perlu-Verifikasi'], ['dicabut', 'Dicabut'],
    ['alasan-pencabutan', 'Alasan-Pencabutan'], ['penjelasan-pencabutan', 'Penjelasan-Pencabutan']
  ];
  var LABELS = { ralat: 'Ralat', 'aspirasi-tahap': 'Aspirasi-Tahap' };
  HEADER.forEach(function (pair) { LABELS[pair[0]] = pair[1]; });
  // Repeated fields: one header line per item, each "<tanggal> | …" read into an object and written back.
  // Corrections (warta_core.corrections): "Ralat: <tanggal> | <catatan>" as {tanggal, catatan};
  // aspiration steps (warta_core.aspirations): "Aspirasi-Tahap: <tanggal> | <tahap> | [<oleh> |] <catatan>",
  // with <oleh> only for a "dijawab" step, as {tanggal, tahap, oleh, catatan}.
  var CORRECTIONS = 'ralat';
  var STEPS = 'aspirasi-tahap';
  var LISTS = { topik: true, desa: true };
  var KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$/;
  var CONTINUATION = /^(?: {4}|\t)\s*(\S.*)$/;

  // Every header name in lower case with hyphens: the form's field names are those (Klaim -> klaim), so an
  // article written with git opens with its fields filled, and is saved without a second spelling of them.
  function fieldName(written) {
    var key = written.trim().toLowerCase().replace(/_/g, '-');
    if (key === 'body') { return written.trim(); } // the form's name for the text, never a header's
    return Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : key;
  }

  function splitList(text) {
    return String(text).split(/[,;]/).map(function (item) { return item.trim(); }).filter(Boolean);
  }

  function correction(item) {
    if (item !== null && typeof item === 'object') { return item; }
    var text = String(item);
    var bar = text.indexOf('|');
    return bar < 0 ? { tanggal: '', catatan: text.trim() }
      : { tanggal: text.slice(0, bar).trim(), catatan: text.slice(bar + 1).trim() };
  }

  function step(item) {
    if (item !== null && typeof item === 'object') { return item; }
    var parts = String(item).split('|').map(function (part) { return part.trim(); });
    var kind = (parts[1] || '').toLowerCase().replace(/\s+/g, '-');
    var answered = kind === 'dijawab';
    return {
      tanggal: parts[0] || '', tahap: kind, oleh: answered ? (parts[2] || '') : '',
      catatan: parts.slice(answered ? 3 : 2).join(' | ')
    };
  }

  var REPEATED = { ralat: correction, 'aspirasi-tahap': step };

  // Saving (Decap's preSave event). Fields the check requires once another is filled (warta_core's references,
  // factcheck, aspirations, corrections and withdrawals checks; the form's hints say the same) are asked for
  // before anything is committed. The file name is dated by Tanggal as written: Decap's own {{year}}/{{day}}
  // are the creation time in UTC, so the collection's `path` reads these two keys, which toFile never writes
  // (FILE_YEAR_KEY and FILE_DATE_KEY in plugins/warta_admin/config.py).
  var REQUIRED_WITH = [
    ['gambar', ['deskripsi-gambar']],
    ['klaim', ['penilaian', 'sumber']],
    ['aspirasi', ['aspirasi-dari', 'aspirasi-kepada', 'aspirasi-tahap']],
    ['hak-jawab-untuk', ['hak-jawab-dari']],
    ['dicabut', ['alasan-pencabutan', 'penjelasan-pencabutan']]
  ];
  var FILE_YEAR = 'tahun-berkas';
  var FILE_DATE = 'tanggal-berkas';
  var WRITTEN_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/;

  function filled(value) {
    if (Array.isArray(value)) { return value.length > 0; }
    return value !== undefined && value !== null && String(value).trim() !== '';
  }

  function two(number) { return (number < 10 ? '0' : '') + number; }

  // What saving adds to a story (plain data), or an Error worded like `kim periksa`'s message.
  function beforeSave(data, now) {
    var missing = [];
    REQUIRED_WITH.forEach(function (rule) {
      if (!filled(data[rule[0]])) { return; }
      rule[1].forEach(function (name) {
        if (!filled(data[name])) { missing.push(LABELS[name] + ' wajib diisi bila ada ' + LABELS[rule[0]] + '.'); }
      });
    });
    if (missing.length) { throw new Error(missing.join(' ')); }
    var when = now;
    if (data.tanggal instanceof Date) {
      when = data.tanggal;
    } else {
      var written = WRITTEN_DATE.exec(String(data.tanggal || '').trim());
      if (written) {
        when = new Date(+written[1], +written[2] - 1, +written[3], +(written[4] || 0), +(written[5] || 0));
      }
    }
    var changes = {};
    changes[FILE_YEAR] = String(when.getFullYear());
    changes[FILE_DATE] = when.getFullYear() + '-' + two(when.getMonth() + 1) + '-' + two(when.getDate());
    // One status control: a draft stays one; otherwise a Tanggal still to come waits for its time.
    if (data.status !== 'draf') { changes.status = when > now ? 'terjadwal' : 'terbit'; }
    return changes;
  }

  function preSave(payload) {
    var data = payload.entry.get('data');
    var changes = beforeSave(data.toJS(), new Date());
    Object.keys(changes).forEach(function (name) { data = data.set(name, changes[name]); });
    return data;
  }

  function store(data, written, value) {
    var name = fieldName(written);
    if (Object.prototype.hasOwnProperty.call(REPEATED, name)) { // every line (or list item) is one item
      data[name] = (data[name] || []).concat((Array.isArray(value) ? value : [value]).map(REPEATED[name]));
      return;
    }
    if (Object.prototype.hasOwnProperty.call(data, name)) {
      return; // a duplicated field: the first one is kept, `kim periksa` reports the second
    }
    if (LISTS[name]) {
      data[name] = Array.isArray(value) ? value.map(String) : splitList(value);
    } else {
      data[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }

  function unquote(text) {
    var value = text.trim();
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      try { return JSON.parse(value); } catch (error) { return value.slice(1, -1); }
    }
    if (value.length >= 2 && value[0] === "'" && value[value.length - 1] === "'") {
      return value.slice(1, -1).replace(/''/g, "'");
    }
    return value;
  }

  // The YAML that front matter holds in practice: scalars, quoted strings, [flow, lists],
  // "- block" lists and folded (>) or literal (|) text. Anything else is kept as written.
  function fromFrontMatter(lines) {
    var end = -1;
    for (var j = 1; j < lines.length; j += 1) {
      if (lines[j].trim() === '---' || lines[j].trim() === '...') { end = j; break; }
    }
    if (end < 0) {
      return { body: lines.join('\n') }; // no closing line: keep all text, `kim periksa` explains
    }
    var data = {};
    var k = 1;
    while (k < end) {
      var key = /^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(lines[k]);
      k += 1;
      if (!key) { continue; }
      var raw = key[2].trim();
      var value;
      if (raw === '' || /^[|>][-+]?$/.test(raw)) {
        var items = [];
        var text = [];
        while (k < end && (/^\s+\S/.test(lines[k]) || /^-\s/.test(lines[k]) || !lines[k].trim())) {
          var item = /^\s*-\s+(.*)$/.exec(lines[k]);
          if (item && raw === '') { items.push(unquote(item[1])); } else if (lines[k].trim()) { text.push(lines[k].trim()); }
          k += 1;
        }
        value = items.length ? items : text.join(raw[0] === '|' ? '\n' : ' ');
      } else if (raw[0] === '[' && raw[raw.length - 1] === ']') {
        value = raw.slice(1, -1).split(',').map(unquote).filter(function (item) { return item !== ''; });
      } else {
        value = unquote(raw);
      }
      store(data, key[1], value);
    }
    var body = lines.slice(end + 1).join('\n');
    if (body.trim()) { data.body = body; }
    return data;
  }

  function fromFile(text) {
    var lines = String(text).replace(/^\uFEFF/, '').split(/\r?\n/);
    if (lines[0].trim() === '---') {
      return fromFrontMatter(lines);
    }
    var pairs = [];
    var index = 0;
    for (; index < lines.length; index += 1) {
      var line = lines[index];
      if (!line.trim()) { index += 1; break; } // the blank line ending the header
      var more = CONTINUATION.exec(line);
      var key = KEY_LINE.exec(line);
      if (more && pairs.length) {
        pairs[pairs.length - 1][1] += ' ' + more[1].trim();
      } else if (key) {
        pairs.push([key[1], key[2].trim()]);
      } else {
        break; // no blank line before the body: the body starts here
      }
    }
    var data = {};
    pairs.forEach(function (pair) { store(data, pair[0], pair[1]); });
    var body = lines.slice(index).join('\n');
    if (body.trim()) { data.body = body; }
    return data;
  }

  function oneLine(value) {
    if (value !== null && typeof value === 'object') { return JSON.stringify(value); }
    return String(value).replace(/\s*\r?\n\s*/g, ' ').trim();
  }

  function toFile(data) {
    var lines = [];
    var done = { body: true };
    done[FILE_YEAR] = done[FILE_DATE] = true; // the file's name, not a header line
    function add(label, value) {
      if (value === undefined || value === null) { return; }
      var text = Array.isArray(value) ? value.map(oneLine).filter(Boolean).join(', ') : oneLine(value);
      if (text) { lines.push(label + ': ' + text); }
    }
    HEADER.forEach(function (pair) { done[pair[0]] = true; add(pair[1], data[pair[0]]); });
    done[CORRECTIONS] = done[STEPS] = true;
    (data[CORRECTIONS] || []).forEach(function (note) {
      var item = correction(note);
      var when = oneLine(item.tanggal || ''), note = oneLine(item.catatan || '');
      if (when || note) { add('Ralat', when + ' | ' + note); } // an empty half is explained by `kim periksa`
    });
    (data[STEPS] || []).forEach(function (entry) {
      var item = step(entry);
      var parts = [oneLine(item.tanggal || ''), oneLine(item.tahap || '')];
      if (item.tahap === 'dijawab') { parts.push(oneLine(item.oleh || '')); }
      if (oneLine(item.catatan || '')) { parts.push(oneLine(item.catatan)); }
      if (parts[0] || parts[1]) { add('Aspirasi-Tahap', parts.join(' | ')); } // gaps: `kim periksa` explains
    });
    Object.keys(data).forEach(function (name) { if (!done[name]) { add(name, data[name]); } });
    var body = data.body ? String(data.body).replace(/^\s*\n/, '') : '';
    if (body && body[body.length - 1] !== '\n') { body += '\n'; }
    return lines.join('\n') + '\n\n' + body;
  }

  // Decap 3.16 gives the editor and its toolbar a minimum width of 800 px: on a 360 px phone the page scrolled
  // sideways and "Terbitkan"/"Simpan" sat off the screen. Its styles carry their component's name in the class.
  var PHONE_STYLE = '@media (max-width: 799px) {' +
    '[class*="-EditorContainer"], [class*="-ToolbarContainer"] { min-width: 0 !important; }' +
    '[class*="-ToolbarContainer"] { overflow-x: auto; }' +
    '}';

  function addPhoneStyle() {
    var style = document.createElement('style');
    style.textContent = PHONE_STYLE;
    document.head.appendChild(style);
  }

  window.wartaKimFormat = { fromFile: fromFile, toFile: toFile, beforeSave: beforeSave };

  window.addEventListener('DOMContentLoaded', function () {
    var CMS = window.CMS;
    if (!CMS) {
      document.body.textContent = 'Penyunting berita gagal dimuat (decap-cms.js tidak ada). Hubungi pengelola jaringan.';
      return;
    }
    addPhoneStyle();
    CMS.registerLocale('id', window.wartaKimLocale || {});
    CMS.registerCustomFormat('warta-kim', 'md', { fromFile: fromFile, toFile: toFile });
    CMS.registerEventListener({ name: 'preSave', handler: preSave });
    CMS.init();
  });
}());
