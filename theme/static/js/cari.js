// Search for /cari/ with Pagefind's JavaScript API; with ./cari-indeks.js, the only script of the public portal.
// The address holds the query (?q=…&kabupaten=…), so a search is a link and a bookmark.
// The indexes searched (this portal's parts, other portals') are opened by ./cari-indeks.js.
// Typing is forgiven with the index's own words (kata/<letter>.json in every part, written by
// warta_search.vocabulary): a spelling people use, a typo, or a root whose meN-/peN- forms the
// stemmer cannot reach is searched as what the stories write, and the page says so.
import { openIndexes, pagefind, partShards, searchIndexes } from "./cari-indeks.js";

const form = document.getElementById("cari");
const input = document.getElementById("q");
const filterBox = document.getElementById("saring");
const statusLine = document.getElementById("status");
const list = document.getElementById("hasil");
const more = document.getElementById("lagi");
const LABELS = { kabupaten: "Kabupaten/kota", kim: "KIM", topik: "Topik", tahun: "Tahun" };
const PAGE = 10;
const MAX_WORDS = 6; // longer queries are searched as typed
const MAX_SEARCHES = 6; // Pagefind searches per query, the typed one included
const EMPTY = { words: {}, forms: {}, spellings: {} };
const SOUNDS = [[/x/g, "ks"], [/ph/g, "f"], [/q/g, "k"], [/dj/g, "j"], [/tj/g, "c"], [/oe/g, "u"]];
const PREFIX = /^(di|ke|ter|ber|be|se|per|meny|meng|mem|men|me|peny|peng|pem|pen|pe)(?=[a-z]{3})/;
const SUFFIX = /(?<=[a-z]{3})(nya|kan|an|i|lah|pun)$/;
const shards = new Map();
let results = [];
let shown = 0;
let timer = 0;
let latest = 0;
let exact = false;

// Pagefind's excerpts are HTML with <mark>; keep only their text and marks, never other markup.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function resultItem(data) {
  const item = document.createElement("li");
  const title = document.createElement("h2");
  title.className = "ringkas-judul";
  const link = document.createElement("a");
  const partner = /^(https?:\/)?\//.test(data.meta.tautan || "") ? data.meta.tautan : ""; // vetted when fetched; checked again
  link.href = partner || data.url; // partner news leads to the partner's own address
  link.textContent = data.meta.title;
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.mitra, data.meta.tanggal, ...(data.filters.kim || [])].filter(Boolean).join(" · ");
  if (data.meta.mitra) {
    link.rel = "external nofollow noopener";
    const label = document.createElement("strong");
    label.textContent = "Berita mitra";
    meta.prepend(label, " · ");
  }
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(title, meta, excerpt);
  return item;
}

// The shards of several indexes as one: counts added, forms and spellings joined.
function joinShards(parts) {
  const joined = { words: {}, forms: {}, spellings: {} };
  for (const part of parts) {
    for (const [word, count] of Object.entries(part.words || {})) joined.words[word] = (joined.words[word] || 0) + count;
    for (const [root, forms] of Object.entries(part.forms || {})) {
      joined.forms[root] = [...new Set([...(joined.forms[root] || []), ...forms])].slice(0, 3);
    }
    Object.assign(joined.spellings, part.spellings || {});
  }
  return joined;
}

// One shard of the vocabulary per first letter: every index's words as one.
function shard(letter) {
  if (!shards.has(letter)) shards.set(letter, partShards(letter).then(joinShards));
  return shards.get(letter);
}

// In the index as a word, or as the start of one (Pagefind matches prefixes).
async function known(word) {
  const { words } = await shard(word[0]);
  return word in words || (word.length > 2 && Object.keys(words).some((w) => w.startsWith(word)));
}

// Damerau–Levenshtein distance (optimal string alignment), giving up beyond `limit`.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = [];
  let previous = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    if (Math.min(...row) > limit) return limit + 1;
    [before, previous] = [previous, row];
  }
  return previous[b.length];
}

// The closest word of the same first letter: ≤ 1 edit for words of 4–5 letters, ≤ 2 beyond; ties by frequency.
async function closest(word) {
  if (word.length < 4) return null;
  const limit = word.length > 5 ? 2 : 1;
  let best = null;
  for (const [candidate, count] of Object.entries((await shard(word[0])).words)) {
    const d = distance(word, candidate, limit);
    if (d <= limit && (!best || d < best.d || (d === best.d && count > best.count))) best = { candidate, d, count };
  }
  return best && best.candidate;
}

// Roots an affixed word may come from: di-/ke-/ter-/ber-/se-/per-, meN-/peN- (with the consonant the
// nasal replaced: t→n, p→m, k→ng, s→ny) and -nya/-kan/-an/-i/-lah/-pun.
function roots(word) {
  const found = new Set();
  for (const stem of new Set([word, word.replace(SUFFIX, "")])) {
    const match = stem.match(PREFIX);
    if (stem !== word) found.add(stem);
    if (!match) continue;
    const rest = stem.slice(match[1].length);
    found.add(rest);
    const nasal = { meny: "s", peny: "s", mem: "p", pem: "p", men: "t", pen: "t", meng: "k", peng: "k" }[match[1]];
    if (nasal && /^[aeiou]/.test(rest)) found.add(nasal + rest);
  }
  return [...found].slice(0, 8);
}

// The t/k root of a meN-/peN- word the stemmer cannot give back (menanam → tanam, pengirim → kirim).
function nasalRoot(word) {
  const match = word.match(/^[mp]e(ng|n)([aeiou][a-z]+)$/);
  return match && (match[1] === "ng" ? "k" : "t") + match[2];
}

// The meN-/peN- forms of a root (t/k roots lose their consonant, so the stemmer cannot join them).
async function formsOf(word) {
  const { forms } = await shard(word[0]);
  return forms[word] || [];
}

// What to search for one typed word: `use` instead of it, `also` besides, `fixed` when `use` is not what was typed.
async function mend(word) {
  const { spellings } = await shard(word[0]);
  const spelled = spellings[word] || spellings[word.replace(/-/g, "")];
  if (spelled) return { use: spelled, also: (await known(word)) ? [word] : [], fixed: true };
  const forms = await formsOf(word);
  if (await known(word)) {
    const also = [...forms];
    for (const root of new Set([nasalRoot(word), nasalRoot(word.replace(SUFFIX, ""))])) {
      if (root && root in (await shard(root[0])).words) also.push(root); // menanam: tanam too
    }
    return { use: word, also, fixed: false };
  }
  for (const root of roots(word)) {
    const more = await formsOf(root);
    if (more.length) return { use: more[0], also: more.slice(1), fixed: true };
    if (root in (await shard(root[0])).words) return { use: word, also: [], fixed: false }; // the stemmer finds it
  }
  if (forms.length) return { use: forms[0], also: forms.slice(1), fixed: true };
  // Colloquial nasal verbs drop me- (nulis, nyapu, ngirim): search the written form and its root.
  if (/^(ny|ng|n|m)[aeiou]/.test(word) && (await known(`me${word}`))) return { ...(await mend(`me${word}`)), fixed: true };
  const sounded = SOUNDS.reduce((w, [pattern, spelling]) => w.replace(pattern, spelling), word);
  if (sounded !== word && (await known(sounded))) return { use: sounded, also: [], fixed: true };
  const near = await closest(sounded);
  return near ? { use: near, also: [], fixed: true } : { use: word, also: [], fixed: false };
}

// The searches for a query (typed words mended, the first being the main one), or null for a long query.
async function plan(term) {
  const words = term.toLowerCase().split(/[\s,.;:!?"“”'()]+/).filter(Boolean);
  if (!words.length || words.length > MAX_WORDS) return null;
  const joined = [];
  for (let i = 0; i < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1]}`; // two typed words may be one spelling ("e ktp")
    const paired = i + 1 < words.length && pair in (await shard(pair[0])).spellings;
    joined.push(paired ? pair : words[i]);
    if (paired) i++;
  }
  const mended = await Promise.all(joined.map((w) => (w.includes(" ") ? shard(w[0]).then((s) => ({ use: s.spellings[w], also: [], fixed: true })) : mend(w))));
  const fixed = mended.some((m) => m.fixed);
  const primary = mended.map((m) => m.use);
  const queries = [fixed ? primary.join(" ") : term];
  mended.forEach((m, i) => {
    for (const other of m.also) queries.push(primary.map((w, j) => (i === j ? other : w)).join(" "));
  });
  const unique = [...new Set(queries)].slice(0, MAX_SEARCHES);
  return { queries: unique, fixed, changed: unique.length > 1 || fixed, primary };
}

// When no story has every word (Pagefind wants them all): leave one out, first a word the index does
// not have, then the commonest, so the telling words stay.
async function loosened(primary) {
  if (primary.length < 2) return [];
  const counts = await Promise.all(
    primary.map(async (w) => (/[ -]/.test(w) ? 0 : ((await shard(w[0])).words[w] ?? ((await known(w)) ? 0 : Infinity)))),
  );
  const order = primary.map((_, i) => i).sort((a, b) => counts[b] - counts[a]);
  return order.slice(0, MAX_SEARCHES).map((skip) => primary.filter((_, i) => i !== skip).join(" "));
}

function chosenFilters() {
  const filters = {};
  for (const select of filterBox.querySelectorAll("select")) {
    if (select.value) filters[select.name] = select.value;
  }
  return filters;
}

function remember(filters) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  if (exact) params.set("persis", "1");
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

async function showMore() {
  const batch = results.slice(shown, shown + PAGE);
  shown += batch.length;
  const data = await Promise.all(batch.map((result) => result.data()));
  list.append(...data.map(resultItem));
  more.hidden = shown >= results.length;
}

// Results of several searches, in the order of the searches, each page once.
async function merged(queries, filters, typed = null, typedFound = null) {
  const all = await Promise.all(queries.map((q) => (q === typed ? typedFound : searchIndexes(q, filters))));
  const seen = new Set();
  return all.flatMap((found) => (found ? found.results : [])).filter((r) => !seen.has(r.id) && seen.add(r.id));
}

async function search() {
  const ticket = ++latest;
  const term = input.value.trim();
  const filters = chosenFilters();
  remember(filters);
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    statusLine.textContent = "Ketik kata yang dicari, atau pilih kabupaten/kota, KIM, topik, atau tahun.";
    list.removeAttribute("aria-busy");
    return;
  }
  list.setAttribute("aria-busy", "true");
  const [found, mended] = await Promise.all([
    searchIndexes(term || null, filters),
    term && !exact ? plan(term) : null,
  ]);
  if (ticket !== latest || !found) return; // a newer search has started
  let instead = null;
  let loose = false;
  results = found.results;
  if (mended && mended.changed) {
    const better = await merged(mended.queries, filters, term, found);
    if (better.length) [results, instead] = [better, mended];
  }
  if (!results.length && mended) {
    const queries = await loosened(mended.primary);
    const fewer = await merged(queries, filters);
    if (fewer.length) [results, instead, loose] = [fewer, { queries, fixed: mended.fixed }, true];
  }
  if (ticket !== latest) return;
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (ticket !== latest) return;
  const parts = [
    results.length ? `${results.length} berita ditemukan.` : "Tidak ada berita yang cocok. Coba kata lain atau kurangi saringan.",
  ];
  if (loose) parts.push(" Tidak ada berita yang memuat semua kata.");
  if (instead) parts.push(` Menampilkan hasil untuk “${instead.queries.slice(0, 3).join("”, “")}”.`);
  statusLine.replaceChildren(...parts);
  if (instead && instead.fixed) {
    const typed = document.createElement("a");
    typed.href = `?${new URLSearchParams({ q: term, persis: "1", ...filters })}`;
    typed.textContent = `Cari persis “${term}”`;
    statusLine.append(" ", typed);
  }
  list.removeAttribute("aria-busy");
}

function addFilters(available, params) {
  for (const [name, label] of Object.entries(LABELS)) {
    const values = Object.keys(available[name] || {}).sort((a, b) => a.localeCompare(b, "id"));
    if (!values.length) continue;
    const select = document.createElement("select");
    select.id = `saring-${name}`;
    select.name = name;
    select.append(new Option(`Semua ${label.toLowerCase()}`, ""));
    if (name === "tahun") values.reverse();
    for (const value of values) select.append(new Option(value, value, false, params.get(name) === value));
    const caption = document.createElement("label");
    caption.htmlFor = select.id;
    caption.textContent = label;
    const field = document.createElement("p");
    field.append(caption, select);
    filterBox.append(field);
    select.addEventListener("change", search);
  }
  // One "Saring hasil" control: folded on a phone, open on a wide screen or when a filter is chosen.
  const fold = filterBox.closest("details");
  fold.hidden = !filterBox.childElementCount;
  fold.open = matchMedia("(min-width: 40em)").matches || Object.keys(chosenFilters()).length > 0;
}

async function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  exact = params.get("persis") === "1";
  try {
    await openIndexes(form);
  } catch {
    statusLine.textContent =
      "Indeks pencarian belum tersedia di portal ini. Telusuri berita lewat Direktori KIM, Wilayah, atau Topik.";
    return;
  }
  addFilters(await pagefind.filters(), params);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  input.addEventListener("input", () => {
    exact = false;
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  more.addEventListener("click", showMore);
  await search();
}

start();
