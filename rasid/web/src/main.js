// Rasid dashboard: map (Leaflet over world-atlas borders), timeline, filters, event table and the
// evidence view. Talks only to the API of the server that serves it (same origin). The server counts
// and groups the whole filtered archive (/v1/summary, /v1/clusters) and pages the table (/v1/rows):
// the browser never holds more than one page of events.
import L from "leaflet";
import { feature } from "topojson-client";
import { STRINGS, TYPE_NAMES, TYPES, TYPE_COLOURS } from "./i18n.js";
import { linkable } from "./links.js";

const TABLE_ROWS = 500;

const state = {
  lang: localStorage.getItem("rasid.lang") || "ar",
  summary: null,      // /v1/summary of the filters
  cells: [],          // /v1/clusters of the filters in the map's view
  rows: [],           // this page of /v1/rows
  total: 0,           // rows matching (the table's filters: the form's, plus a place chosen on the map)
  sort: "-date",
  offset: 0,
  point: null,        // [west, south, east, north] of a place whose events the table lists
  selected: null,
  detail: null,
  alerts: [],         // the latest alerts (/v1/alerts), for the live panel
};

const $ = (sel, root = document) => root.querySelector(sel);
const t = (key, vars = {}) =>
  (STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
const typeName = (p) => TYPE_NAMES[state.lang][p] || p;
const colour = (p) => TYPE_COLOURS[p] || "#555";
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const dayOf = (e) => e.day || e.date || (e.published ? String(e.published).slice(0, 10) : null);
// Places and actors: the words of the (Arabic) text in Arabic, the gazetteer's or dictionary's name in English.
const nameOf = (x) => (x ? (state.lang === "ar" ? x.text || x.name : x.name || x.text) || "" : "");
const num = (n) => Number(n).toLocaleString(state.lang === "ar" ? "ar-u-nu-latn" : "en-US");

function setStatus(text, isError = false) {
  const el = $("#status");
  el.textContent = text;
  el.classList.toggle("error", isError);
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

// ---- language ---------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.title = `${t("title")} — ${t("subtitle")}`;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  $("#lang").textContent = t("switch_to");
  const select = $("select[name=plover]");
  for (const opt of select.options) if (opt.value) opt.textContent = typeName(opt.value);
  renderAll();
  if (state.detail) renderEvidence(state.detail);
}

// ---- map --------------------------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14, attributionControl: true })
  .setView([30, 35], 4);
map.attributionControl.setPrefix(false).addAttribution("Natural Earth · world-atlas");
const markers = L.featureGroup().addTo(map);
const highlight = L.featureGroup().addTo(map);
let fitted = false;

async function loadBasemap() {
  const topo = await (await fetch("static/countries-50m.json")).json();
  const countries = feature(topo, topo.objects.countries);
  L.geoJSON(countries, {
    style: { color: "#8a97a6", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  markers.bringToFront();
  highlight.bringToFront();
}

function radius(cell) {
  return cell.count > 1 ? Math.min(30, 9 + 4 * Math.log10(cell.count) ** 1.3)
    : Math.min(28, 6 + 2.2 * Math.sqrt(cell.fatalities || 0));
}

// The map's view as a bbox parameter (none when it shows the whole world).
function viewBox() {
  const b = map.getBounds().pad(0.25);
  if (b.getEast() - b.getWest() >= 360) return null;
  const wrap = (x) => ((((x + 180) % 360) + 360) % 360) - 180;
  const clamp = (y) => Math.max(-90, Math.min(90, y));
  return [wrap(b.getWest()), clamp(b.getSouth()), wrap(b.getEast()), clamp(b.getNorth())].map((v) => v.toFixed(4)).join(",");
}

let clusterRequest = 0;
async function loadClusters() {
  const params = query();
  params.set("zoom", map.getZoom());
  const box = fitted ? viewBox() : null;
  if (box) params.set("bbox", box);
  const mine = ++clusterRequest;
  const body = await api(`v1/clusters?${params}`);
  if (mine !== clusterRequest) return; // a newer view was asked for meanwhile
  state.cells = body.cells;
  renderMap();
}

function renderMap() {
  markers.clearLayers();
  for (const cell of state.cells) {
    const m = L.circleMarker([cell.lat, cell.lon], {
      radius: radius(cell), color: "#222", weight: cell.count > 1 ? 2 : 1, fillColor: colour(cell.plover),
      fillOpacity: 0.75, className: `rasid-marker plover-${cell.plover}${cell.count > 1 ? " rasid-cluster" : ""}`,
    });
    m.cell = cell;
    if (cell.count > 1) {
      m.bindTooltip(num(cell.count), { permanent: true, direction: "center", className: "cluster-count" });
      m.on("click", () => drill(cell));
    } else {
      m.bindTooltip(`${esc(typeName(cell.plover))}` + (cell.fatalities ? ` · ${t("fatalities")}: ${cell.fatalities}` : ""),
        { direction: "top" });
      m.on("click", () => openEvent(cell.id));
    }
    markers.addLayer(m);
  }
  if (!fitted && state.cells.length) {
    fitted = true;
    const [w, s, e, n] = state.cells.reduce((b, c) => [Math.min(b[0], c.bounds[0]), Math.min(b[1], c.bounds[1]),
      Math.max(b[2], c.bounds[2]), Math.max(b[3], c.bounds[3])], [180, 90, -180, -90]);
    map.fitBounds(L.latLngBounds([s, w], [n, e]).pad(0.5), { maxZoom: 6 }); // moveend loads the cells of the new view
  }
}

// A cluster of several places: zoom to them; of one place (zooming cannot split it): list its events.
function drill(cell) {
  const [w, s, e, n] = cell.bounds;
  if (cell.points > 1 && map.getZoom() < map.getMaxZoom()) {
    map.fitBounds(L.latLngBounds([s, w], [n, e]).pad(0.3), { maxZoom: map.getMaxZoom() });
    return;
  }
  state.point = cell.bounds;
  state.offset = 0;
  loadRows().then(() => $(".table-wrap").scrollIntoView({ block: "start" }));
}

function highlightEvent(loc, fly) {
  highlight.clearLayers();
  if (!loc || loc.lat == null || loc.lon == null) return;
  L.circleMarker([loc.lat, loc.lon], { radius: 18, color: "#0b6e4f", weight: 4, fill: false, interactive: false,
    className: "rasid-highlight" }).addTo(highlight);
  if (fly) map.flyTo([loc.lat, loc.lon], Math.max(map.getZoom(), 8), { duration: 0.6 });
}

map.on("moveend", () => { if (fitted) loadClusters().catch((err) => setStatus(`${t("error")}: ${err.message}`, true)); });

function renderLegend() {
  const present = new Set(Object.keys((state.summary && state.summary.types) || {}));
  $("#legend").innerHTML = TYPES.filter((p) => present.has(p))
    .map((p) => `<span style="--c:${colour(p)}">${esc(typeName(p))}</span>`).join("");
}

// ---- timeline ---------------------------------------------------------------------------------

// The slot of a bucket start on the time axis: days, weeks or months since the first bucket.
function slot(start, first, unit) {
  if (unit === "month") {
    return (Number(start.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(start.slice(5, 7)) - Number(first.slice(5, 7));
  }
  const days = Math.round((Date.parse(start) - Date.parse(first)) / 864e5);
  return unit === "week" ? Math.round(days / 7) : days;
}

function renderTimeline() {
  const el = $("#timeline");
  const s = state.summary;
  $("#timeline-title").textContent = t(`timeline_${(s && s.unit) || "day"}`);
  if (!s || !s.buckets.length) { el.innerHTML = `<p class="muted">${esc(t("none"))}</p>`; return; }
  const buckets = s.buckets, first = buckets[0].start, unit = s.unit;
  const slots = slot(buckets[buckets.length - 1].start, first, unit) + 1;
  const W = 1000, H = 130, pad = 18;
  const bw = (W - 2 * pad) / slots;
  const peak = Math.max(...buckets.map((b) => b.total));
  const bars = [], ticks = [];
  for (const b of buckets) {
    const x = pad + slot(b.start, first, unit) * bw;
    let y = H - pad;
    const label = unit === "day" ? b.start : `${b.start} – ${b.end}`;
    for (const p of TYPES) {
      if (!b.counts[p]) continue;
      const h = (b.counts[p] / peak) * (H - 2 * pad);
      y -= h;
      bars.push(`<rect class="day" data-since="${b.start}" data-until="${b.end}" x="${x.toFixed(2)}" y="${y.toFixed(2)}"` +
        ` width="${Math.max(0.8, bw * 0.85).toFixed(2)}" height="${h.toFixed(2)}" fill="${colour(p)}">` +
        `<title>${label} · ${esc(typeName(p))}: ${num(b.counts[p])}</title></rect>`);
    }
  }
  const every = Math.max(1, Math.ceil(slots / 8));
  for (const b of buckets) {
    const k = slot(b.start, first, unit);
    if (k % every) continue;
    const x = pad + k * bw;
    ticks.push(`<line class="tick" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${H - pad}" y2="${H - pad + 3}"/>` +
      `<text class="axis" x="${x.toFixed(1)}" y="${H - 4}">${unit === "month" ? b.start.slice(0, 7) : b.start}</text>`);
  }
  el.innerHTML = `<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img">${bars.join("")}${ticks.join("")}
    <text class="axis" x="${pad}" y="12">${num(peak)}</text></svg>`;
  for (const r of el.querySelectorAll("rect.day")) {
    r.addEventListener("click", () => {
      const f = $("#filters");
      f.since.value = r.dataset.since;
      f.until.value = r.dataset.until;
      load();
    });
  }
}

// ---- table ------------------------------------------------------------------------------------

function renderTable() {
  const rows = state.rows.map((e) => `
    <tr data-id="${e.id}" class="${e.id === state.selected ? "selected" : ""}">
      <td>${esc(dayOf(e) || "")}</td>
      <td><span class="dot" style="--c:${colour(e.plover)}"></span>${esc(typeName(e.plover))}</td>
      <td>${esc(e.acled_sub_event_type || e.acled_event_type || "")}</td>
      <td>${esc(nameOf(e.actor1))}</td>
      <td>${esc(nameOf(e.actor2))}</td>
      <td>${esc(nameOf(e.location))}</td>
      <td>${e.fatalities ?? ""}</td>
      <td>${esc(t("cert_" + e.certainty))}</td>
      <td>${esc(e.outlet || e.source_id || "")}</td>
    </tr>`);
  $("#events tbody").innerHTML = rows.join("");
  const count = $("#count");
  count.dataset.total = state.total;
  count.dataset.shown = state.rows.length;
  count.textContent = state.rows.length
    ? t("shown", { from: num(state.offset + 1), to: num(state.offset + state.rows.length), total: num(state.total) })
    : t("none");
  const s = state.summary;
  $("#located").textContent = s && !state.point ? t("located", { m: num(s.located) }) : "";
  $("#point").hidden = !state.point;
  $("#page-prev").disabled = state.offset === 0;
  $("#page-next").disabled = state.offset + state.rows.length >= state.total;
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    const key = th.dataset.sort;
    th.setAttribute("aria-sort", state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : "none");
  }
}

$("#events tbody").addEventListener("click", (ev) => {
  const tr = ev.target.closest("tr[data-id]");
  if (!tr) return;
  const row = state.rows.find((r) => r.id === Number(tr.dataset.id));
  openEvent(Number(tr.dataset.id), { fly: true, location: row && row.location });
});

for (const th of document.querySelectorAll("#events th[data-sort]")) {
  th.addEventListener("click", () => {
    const key = th.dataset.sort;
    state.sort = state.sort === `-${key}` ? key : `-${key}`; // descending first: latest, deadliest
    state.offset = 0;
    loadRows();
  });
}
$("#page-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - TABLE_ROWS); loadRows(); });
$("#page-next").addEventListener("click", () => { state.offset += TABLE_ROWS; loadRows(); });
$("#point-clear").addEventListener("click", () => { state.point = null; state.offset = 0; loadRows(); });

function renderAll() {
  renderLegend();
  renderMap();
  renderTimeline();
  renderTable();
}

// ---- evidence ---------------------------------------------------------------------------------

const ROLE_ORDER = ["trigger", "fatalities", "injured", "arrested", "number", "date", "actor1", "actor2",
  "location", "claimed_by"];

// The sentence with every highlight inside it. Offsets are into the document; the sentence starts at
// evidence.start, so a highlight at [s, e) is at [s - start, e - start) of the sentence.
function highlightSentence(evidence, highlights) {
  const text = evidence.text;
  const roles = Array.from({ length: text.length }, () => []);
  for (const h of highlights) {
    const a = Math.max(0, h.start - evidence.start), b = Math.min(text.length, h.end - evidence.start);
    for (let i = a; i < b; i++) roles[i].push(h.role);
  }
  const top = (rs) => ROLE_ORDER.find((r) => rs.includes(r)) || null;
  let html = "", i = 0;
  while (i < text.length) {
    const key = roles[i].slice().sort().join(" ");
    let j = i + 1;
    while (j < text.length && roles[j].slice().sort().join(" ") === key) j++;
    const chunk = esc(text.slice(i, j));
    const role = top(roles[i]);
    html += role
      ? `<mark class="hl hl-${role}" data-role="${roles[i].join(" ")}" title="${esc(roles[i].map(roleName).join(", "))}">${chunk}</mark>`
      : chunk;
    i = j;
  }
  return html;
}

function roleName(role) {
  return { trigger: t("trigger"), actor1: t("actor1"), actor2: t("actor2"), location: t("place"), date: t("date"),
    number: t("number"), fatalities: t("fatalities"), injured: t("injured"), arrested: t("arrested"),
    claimed_by: t("claimed_by") }[role] || role;
}

function field(label, value) {
  return value === null || value === undefined || value === "" ? "" : `<dt>${esc(label)}</dt><dd>${value}</dd>`;
}

function actorField(a) {
  return a ? `${esc(nameOf(a))} <span class="code">${esc(a.code || "")}</span>` : null;
}

function renderReports(detail) {
  const reports = (detail.incident && detail.incident.reports) || [];
  if (reports.length < 2) return `<p class="muted">${esc(t("no_reports"))}</p>`;
  const cols = ["fatalities", "injured", "arrested", "date", "certainty"];
  const differs = Object.fromEntries(cols.map((c) => [c, new Set(reports.map((r) => r[c] ?? null)).size > 1]));
  const rows = reports.map((r) => `<tr data-id="${r.event_id}" class="${r.event_id === detail.event.id ? "selected" : ""}">
      <td>${esc(r.outlet || r.source_id || "")}<div class="snippet">${esc((r.evidence || "").slice(0, 140))}</div></td>
      <td>${esc(r.claimed_by || "")}</td>
      ${cols.map((c) => `<td class="${differs[c] ? "conflict" : ""}">${esc(c === "certainty" ? t("cert_" + r[c]) : r[c] ?? "–")}</td>`).join("")}
    </tr>`).join("");
  return `<table class="reports"><thead><tr><th>${esc(t("outlet"))}</th><th>${esc(t("claimed_by"))}</th>
    ${cols.map((c) => `<th>${esc(t(c === "date" ? "date" : c))}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>`;
}

function renderEvidence(detail) {
  const e = detail.event, loc = e.location, doc = detail.document || {};
  const present = new Set(detail.highlights.map((h) => h.role));
  const keys = ROLE_ORDER.filter((r) => present.has(r))
    .map((r) => `<mark class="hl hl-${r}">${esc(roleName(r))}</mark>`).join("");
  const href = linkable(doc.url);
  const source = href ? `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${esc(doc.title || doc.outlet || t("open_source"))}</a>`
    : esc(doc.title || doc.outlet || doc.source_id || "");
  $("#evidence-body").innerHTML = `
    <h2><span class="dot" style="--c:${colour(e.plover)}"></span>${esc(typeName(e.plover))}
      ${e.plover_mode ? `<small class="muted">(${esc(e.plover_mode)})</small>` : ""}
      <small class="muted">${esc(dayOf(e) || "")}</small></h2>
    <h3>${esc(t("evidence"))}</h3>
    <p class="sentence" id="evidence-sentence" dir="rtl" lang="ar">${highlightSentence(e.evidence, detail.highlights)}</p>
    <div class="keys">${keys}</div>
    <dl class="fields">
      ${field(t("acled"), esc([e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" / ")))}
      ${field(t("cameo"), esc(e.cameo))}
      ${field(t("actor1"), actorField(e.actor1))}
      ${field(t("actor2"), actorField(e.actor2))}
      ${field(t("place"), loc ? `${esc(nameOf(loc))} <span class="code">${esc([loc.admin1, loc.country].filter(Boolean).join(", "))}</span>` : null)}
      ${field(t("coords"), loc && loc.lat != null ? `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : null)}
      ${field(t("date"), esc(e.date))}
      ${field(t("fatalities"), e.fatalities)}
      ${field(t("injured"), e.injured)}
      ${field(t("arrested"), e.arrested)}
      ${field(t("certainty"), esc(t("cert_" + e.certainty)))}
      ${field(t("claimed_by"), e.claimed_by ? esc(e.claimed_by.text) : null)}
      ${field(t("source"), source)}
    </dl>
    <h3>${esc(t("reports"))}</h3>
    ${renderReports(detail)}`;
  for (const tr of $("#evidence-body").querySelectorAll("table.reports tr[data-id]")) {
    tr.addEventListener("click", () => openEvent(Number(tr.dataset.id)));
  }
}

// Show an event's evidence beside the map, scrolled into view, and mark it on the map; `fly`: move
// the map to it (a click in the table; a click on the map is where the event is already).
async function openEvent(id, { fly = false, location = null } = {}) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", Number(tr.dataset.id) === id);
  if (location) highlightEvent(location, fly);
  try {
    const detail = await api(`v1/events/${id}`);
    state.detail = detail;
    $("#evidence").hidden = false;
    renderEvidence(detail);
    map.invalidateSize();
    $(".layout").scrollIntoView({ block: "start" });
    if (!location) highlightEvent(detail.event.location, fly);
  } catch (err) {
    setStatus(`${t("error")}: ${err.message}`, true);
  }
}

$("#evidence-close").addEventListener("click", () => {
  $("#evidence").hidden = true;
  state.detail = null;
  highlight.clearLayers();
  map.invalidateSize();
});

// ---- loading ----------------------------------------------------------------------------------

function query() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (String(v).trim()) params.set(k, String(v).trim());
  return params;
}

async function loadRows() {
  const params = query();
  if (state.point) params.set("bbox", state.point.join(","));
  params.set("sort", state.sort);
  params.set("offset", state.offset);
  params.set("limit", TABLE_ROWS);
  const page = await api(`v1/rows?${params}`);
  state.rows = page.rows;
  state.total = page.total;
  renderTable();
}

async function load() {
  setStatus(t("loading"));
  state.offset = 0;
  try {
    const [summary] = await Promise.all([api(`v1/summary?${query()}`), loadRows(), loadClusters()]);
    state.summary = summary;
  } catch (err) {
    setStatus(`${t("error")}: ${err.message}`, true);
    return;
  }
  $("#countries").innerHTML = state.summary.countries.map((c) => `<option value="${esc(c)}">`).join("");
  renderLegend();
  renderTimeline();
  renderTable();
  setStatus(state.summary.total ? "" : t("none"));
  document.body.dataset.loaded = "true";
}

// ---- live: newest events first, refreshed; the alerts sent and each watched source's health --------

const LIVE_SECONDS = 30;
let liveTimer = null;

async function loadLive() {
  const [{ alerts }, { sources }] = await Promise.all([api("v1/alerts?limit=20"), api("v1/watch")]);
  state.alerts = alerts;
  $("#alerts").innerHTML = alerts.length ? alerts.map((a) => `<li data-event="${a.event_id}" class="alert-${esc(a.status)}">
      <b>${esc(a.rule)}</b> · ${esc(typeName(a.plover))} · ${esc(nameOf(a.location))} ${esc(a.date || "")}
      <span class="muted">${esc(a.status)} ${esc((a.delivered_at || a.created_at || "").replace("T", " "))}</span></li>`).join("")
    : `<li class="muted">${esc(t("no_alerts"))}</li>`;
  $("#sources tbody").innerHTML = sources.length ? sources.map((w) => `<tr class="${w.failing ? "failing" : ""}">
      <td>${esc(w.source)}</td><td>${esc((w.last_success || "").replace("T", " "))}</td><td>${num(w.items)}</td>
      <td>${num(w.errors)}</td><td>${esc(w.last_error || "")}</td></tr>`).join("")
    : `<tr><td colspan="5" class="muted">${esc(t("no_sources"))}</td></tr>`;
  $("#live-at").textContent = t("updated", { at: new Date().toLocaleTimeString() });
}

async function refreshLive() {
  try {
    await Promise.all([load(), loadLive()]);
  } catch (err) {
    setStatus(`${t("error")}: ${err.message}`, true);
  }
}

$("#live").addEventListener("change", (ev) => {
  clearInterval(liveTimer);
  liveTimer = null;
  if (ev.target.checked) {
    state.sort = "-id";
    refreshLive();
    liveTimer = setInterval(refreshLive, LIVE_SECONDS * 1000);
  } else {
    state.sort = "-date";
    load();
  }
});
$("#alerts").addEventListener("click", (ev) => {
  const li = ev.target.closest("li[data-event]");
  if (!li) return;
  const alert = state.alerts.find((a) => a.event_id === Number(li.dataset.event));
  openEvent(alert.event_id, { fly: true, location: alert.location });
});

$("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
$("#filters").addEventListener("reset", () => { state.point = null; setTimeout(load, 0); });
$("#lang").addEventListener("click", () => {
  state.lang = state.lang === "ar" ? "en" : "ar";
  localStorage.setItem("rasid.lang", state.lang);
  applyLanguage();
});

const select = $("select[name=plover]");
for (const p of TYPES) select.insertAdjacentHTML("beforeend", `<option value="${p}"></option>`);

// For tests and power users in the console: what is on the map, and where it looks.
window.rasid = {
  markers: () => markers.getLayers().map((m) => ({ id: m.cell.id, count: m.cell.count, lat: m.getLatLng().lat,
    lon: m.getLatLng().lng, points: m.cell.points })),
  center: () => ({ lat: map.getCenter().lat, lon: map.getCenter().lng, zoom: map.getZoom() }),
  highlighted: () => highlight.getLayers().map((m) => ({ lat: m.getLatLng().lat, lon: m.getLatLng().lng })),
  openEvent,
  drill: (i) => drill(state.cells[i]),
};

applyLanguage();
loadBasemap().catch((err) => setStatus(`${t("error")}: ${err.message}`, true));
load();
loadLive().catch(() => {});
