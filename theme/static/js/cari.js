// Search for /cari/ with Pagefind's JavaScript API; the only script of the public portal.
// The address holds the query (?q=…&kabupaten=…), so a search is a link and a bookmark.
const form = document.getElementById("cari");
const input = document.getElementById("q");
const filterBox = document.getElementById("saring");
const statusLine = document.getElementById("status");
const list = document.getElementById("hasil");
const more = document.getElementById("lagi");
const LABELS = { kabupaten: "Kabupaten/kota", kim: "KIM", topik: "Topik", tahun: "Tahun" };
const PAGE = 10;
let pagefind = null;
let results = [];
let shown = 0;
let timer = 0;
let latest = 0;

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
  link.href = data.url;
  link.textContent = data.meta.title;
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.tanggal, ...(data.filters.kim || [])].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(title, meta, excerpt);
  return item;
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

async function search() {
  const ticket = ++latest;
  const term = input.value.trim();
  const filters = chosenFilters();
  remember(filters);
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    statusLine.textContent = "Ketik kata yang dicari, atau pilih kabupaten/kota, KIM, topik, atau tahun.";
    return;
  }
  const found = await pagefind.search(term || null, { filters });
  if (ticket !== latest || !found) return; // a newer search has started
  results = found.results;
  shown = 0;
  list.replaceChildren();
  statusLine.textContent = results.length
    ? `${results.length} berita ditemukan.`
    : "Tidak ada berita yang cocok. Coba kata lain atau kurangi saringan.";
  await showMore();
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
  filterBox.hidden = !filterBox.childElementCount;
}

async function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  try {
    pagefind = await import(`${form.dataset.indeks}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.indeks.replace(/pagefind\/$/, ""), excerptLength: 24 });
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
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  more.addEventListener("click", showMore);
  await search();
}

start();
