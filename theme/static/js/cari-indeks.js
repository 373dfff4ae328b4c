// The search indexes /cari/ reads, for cari.js. The index comes in parts (warta_search.partitions):
// this year's stories (the form's data-indeks, imported) and the archive (data-gabung), plus the parts
// other portals publish (data-portal, e.g. a national portal's kabupaten portals). The others are merged
// with Pagefind's mergeIndex, given the same OPTIONS, because options set on the main index do not
// reach merged ones.
const OPTIONS = { excerptLength: 24 }; // for every part and portal alike, so their results rank alike
const PORTAL_PARTS = ["pagefind/", "pagefind/arsip/"]; // where a portal publishes its parts
const MAX_PORTALS = 50;
const PART = "bagian"; // a hidden filter (Pagefind's mergeFilter) naming the index each page is in: b0, b1, …
const EMPTY = { words: {}, forms: {}, spellings: {} };
const bundles = []; // every index searched, as addresses
const partShardsOf = new Map();
const partsKnowing = new Map(); // a typed word -> the indexes that have it
export let pagefind = null;

// The shards of one first letter, one per index searched (a missing one is empty), fetched once per visit.
export function partShards(letter) {
  if (!/^[a-z]$/.test(letter)) return Promise.resolve(bundles.map(() => EMPTY));
  if (!partShardsOf.has(letter)) {
    const parts = bundles.map((bundle) =>
      fetch(`${bundle}kata/${letter}.json`)
        .then((r) => (r.ok ? r.json() : EMPTY))
        .catch(() => EMPTY),
    );
    partShardsOf.set(letter, Promise.all(parts));
  }
  return partShardsOf.get(letter);
}

function addresses(text) {
  return (text || "").split(/\s+/).filter((url) => /^(https?:\/)?\//.test(url));
}

// The indexes to search: this portal's parts (they exist: the build named them), then the parts other
// portals publish, those that answer. The first is imported, the others merged with the same OPTIONS.
export async function openIndexes(form) {
  const local = addresses(`${form.dataset.indeks} ${form.dataset.gabung}`).map((url) => [url, form.dataset.situs]);
  const portals = addresses(form.dataset.portal).slice(0, MAX_PORTALS);
  const remote = await Promise.all(
    portals.flatMap((portal) =>
      PORTAL_PARTS.map(async (part) => {
        const ok = await fetch(`${portal}${part}pagefind-entry.json`).then((r) => r.ok, () => false);
        return ok ? [`${portal}${part}`, portal] : null;
      }),
    ),
  );
  const [main, ...others] = [...local, ...remote.filter(Boolean)];
  if (!main) throw new Error("no index");
  pagefind = await import(`${main[0]}pagefind.js`);
  await pagefind.options({ ...OPTIONS, baseUrl: main[1], mergeFilter: { [PART]: "b0" } });
  bundles.push(new URL(main[0], location.href).href);
  for (const [url, baseUrl] of others) {
    await pagefind.mergeIndex(url, { ...OPTIONS, baseUrl, mergeFilter: { [PART]: `b${bundles.length}` } });
    bundles.push(new URL(url, location.href).href);
  }
}

// The indexes that have a word: as a whole word (an exact search for it, whose filter counts say where),
// or as the start of one in that index's vocabulary. Asked once per word and visit.
function knowingParts(word) {
  if (!partsKnowing.has(word)) {
    const exact = pagefind.search(`"${word}"`).then((found) => found.filters[PART] || {});
    const prefix = /^[a-z]{3,}$/.test(word) ? word : "";
    partsKnowing.set(
      word,
      Promise.all([exact, partShards(word[0])]).then(([counts, parts]) => {
        const knowing = parts.map((part, i) => {
          const has = counts[`b${i}`] > 0 || (prefix && Object.keys(part.words || {}).some((w) => w.startsWith(prefix)));
          return has ? `b${i}` : null;
        });
        return new Set(knowing.filter(Boolean));
      }),
    );
  }
  return partsKnowing.get(word);
}

// Pagefind searches each merged index alone, and an index that lacks a word falls back to loose matches
// for it (stories with "hari" for "harimau") or leaves it out ("hoaks tsunami" becomes "hoaks"); one index
// would have matched the word where it is. So search only the indexes that have every word some index
// has; when no index has any of them, all of them (loose matches everywhere, as one index would).
export async function searchIndexes(term, filters) {
  const words = (term || "").toLowerCase().replace(/"/g, "").split(/\s+/).filter(Boolean);
  if (bundles.length < 2 || !words.length || /^\s*".+"\s*$/.test(term)) return pagefind.search(term, { filters });
  const known = (await Promise.all(words.map(knowingParts))).filter((parts) => parts.size);
  const allowed = bundles.map((_, i) => `b${i}`).filter((part) => known.every((parts) => parts.has(part)));
  if (!known.length || allowed.length === bundles.length) return pagefind.search(term, { filters });
  if (!allowed.length) return { results: [] };
  return pagefind.search(term, { filters: { ...filters, [PART]: { any: allowed } } });
}
