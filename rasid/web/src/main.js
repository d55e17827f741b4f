// Rasid dashboard: map (Leaflet over world-atlas borders), daily timeline, filters, event table and
// the evidence view. Talks only to the API of the server that serves it (same origin).
import L from "leaflet";
import { feature } from "topojson-client";
import { STRINGS, TYPE_NAMES, TYPES, TYPE_COLOURS } from "./i18n.js";

const PAGE = 1000;        // events per API request
const MAX_EVENTS = 10000; // the dashboard stops following `next` beyond this
const TABLE_ROWS = 500;

const state = {
  lang: localStorage.getItem("rasid.lang") || "ar",
  events: [],
  selected: null,
  detail: null,
};

const $ = (sel, root = document) => root.querySelector(sel);
const t = (key, vars = {}) =>
  (STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
const typeName = (p) => TYPE_NAMES[state.lang][p] || p;
const colour = (p) => TYPE_COLOURS[p] || "#555";
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const dayOf = (e) => e.date || (e.published ? String(e.published).slice(0, 10) : null);
const actorLabel = (a) => (a ? a.name || a.text : "");

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
  renderLegend();
  renderAll();
  if (state.detail) renderEvidence(state.detail);
}

// ---- map --------------------------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14, attributionControl: true })
  .setView([30, 35], 4);
map.attributionControl.setPrefix(false).addAttribution("Natural Earth · world-atlas");
const markers = L.featureGroup().addTo(map);
let fitted = false;

async function loadBasemap() {
  const topo = await (await fetch("static/countries-50m.json")).json();
  const countries = feature(topo, topo.objects.countries);
  L.geoJSON(countries, {
    style: { color: "#8a97a6", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  markers.bringToFront();
}

function radius(e) {
  return Math.min(28, 6 + 2.2 * Math.sqrt(e.fatalities || 0));
}

function renderMap() {
  markers.clearLayers();
  for (const e of state.events) {
    const loc = e.location;
    if (!loc || loc.lat == null || loc.lon == null) continue;
    const m = L.circleMarker([loc.lat, loc.lon], {
      radius: radius(e), color: "#222", weight: 1, fillColor: colour(e.plover), fillOpacity: 0.75,
      className: `rasid-marker plover-${e.plover}`,
    });
    m.eventId = e.id;
    m.bindTooltip(`${esc(typeName(e.plover))} · ${esc(loc.name || loc.text)} · ${esc(dayOf(e) || "")}` +
      (e.fatalities ? ` · ${t("fatalities")}: ${e.fatalities}` : ""), { direction: "top" });
    m.on("click", () => openEvent(e.id));
    markers.addLayer(m);
  }
  if (!fitted && markers.getLayers().length) {
    map.fitBounds(markers.getBounds().pad(0.5), { maxZoom: 6 });
    fitted = true;
  }
}

function renderLegend() {
  const present = new Set(state.events.map((e) => e.plover));
  $("#legend").innerHTML = TYPES.filter((p) => present.has(p))
    .map((p) => `<span style="--c:${colour(p)}">${esc(typeName(p))}</span>`).join("");
}

// ---- timeline ---------------------------------------------------------------------------------

function renderTimeline() {
  const byDay = new Map();
  for (const e of state.events) {
    const d = dayOf(e);
    if (!d) continue;
    const row = byDay.get(d) || {};
    row[e.plover] = (row[e.plover] || 0) + 1;
    byDay.set(d, row);
  }
  const el = $("#timeline");
  if (!byDay.size) { el.innerHTML = `<p class="muted">${esc(t("none"))}</p>`; return; }
  const days = [...byDay.keys()].sort();
  const first = Date.parse(days[0]), last = Date.parse(days[days.length - 1]);
  const span = Math.round((last - first) / 864e5) + 1;
  const W = 1000, H = 130, pad = 18;
  const bw = Math.min(40, Math.max(2, (W - 2 * pad) / span));
  const peak = Math.max(...[...byDay.values()].map((r) => Object.values(r).reduce((a, b) => a + b, 0)));
  const bars = [];
  for (const [d, row] of byDay) {
    const x = pad + Math.round((Date.parse(d) - first) / 864e5) * bw;
    let y = H - pad;
    for (const p of TYPES) {
      if (!row[p]) continue;
      const h = (row[p] / peak) * (H - 2 * pad);
      y -= h;
      bars.push(`<rect class="day" data-day="${d}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bw * 0.85).toFixed(1)}"` +
        ` height="${h.toFixed(1)}" fill="${colour(p)}"><title>${d} · ${esc(typeName(p))}: ${row[p]}</title></rect>`);
    }
  }
  el.innerHTML = `<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img">${bars.join("")}
    <text class="axis" x="${pad}" y="${H - 4}">${days[0]}</text>
    <text class="axis" x="${W - pad}" y="${H - 4}" text-anchor="end">${days[days.length - 1]}</text>
    <text class="axis" x="${pad}" y="12">${peak}</text></svg>`;
  for (const r of el.querySelectorAll("rect.day")) {
    r.addEventListener("click", () => {
      const f = $("#filters");
      f.since.value = f.until.value = r.dataset.day;
      load();
    });
  }
}

// ---- table ------------------------------------------------------------------------------------

function renderTable() {
  const rows = state.events.slice(0, TABLE_ROWS).map((e) => `
    <tr data-id="${e.id}" class="${e.id === state.selected ? "selected" : ""}">
      <td>${esc(dayOf(e) || "")}</td>
      <td><span class="dot" style="--c:${colour(e.plover)}"></span>${esc(typeName(e.plover))}</td>
      <td>${esc(e.acled_sub_event_type || e.acled_event_type || "")}</td>
      <td>${esc(actorLabel(e.actor1))}</td>
      <td>${esc(actorLabel(e.actor2))}</td>
      <td>${esc(e.location ? e.location.name || e.location.text : "")}</td>
      <td>${e.fatalities ?? ""}</td>
      <td>${esc(t("cert_" + e.certainty))}</td>
      <td>${esc(e.outlet || e.source_id || "")}</td>
    </tr>`);
  $("#events tbody").innerHTML = rows.join("");
  const mapped = state.events.filter((e) => e.location && e.location.lat != null).length;
  $("#count").textContent = t("shown", { n: state.events.length, m: mapped }) +
    (state.events.length > TABLE_ROWS ? ` — ${t("more", { n: TABLE_ROWS })}` : "");
}

$("#events tbody").addEventListener("click", (ev) => {
  const tr = ev.target.closest("tr[data-id]");
  if (tr) openEvent(Number(tr.dataset.id));
});

function renderAll() {
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
  return a ? `${esc(a.name || a.text)} <span class="code">${esc(a.code || "")}</span>` : null;
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
  const source = doc.url ? `<a href="${esc(doc.url)}" target="_blank" rel="noopener noreferrer">${esc(doc.title || doc.outlet || t("open_source"))}</a>`
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
      ${field(t("place"), loc ? `${esc(loc.name || loc.text)} <span class="code">${esc([loc.admin1, loc.country].filter(Boolean).join(", "))}</span>` : null)}
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

async function openEvent(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", Number(tr.dataset.id) === id);
  try {
    const detail = await api(`v1/events/${id}`);
    state.detail = detail;
    $("#evidence").hidden = false;
    renderEvidence(detail);
    map.invalidateSize();
  } catch (err) {
    setStatus(`${t("error")}: ${err.message}`, true);
  }
}

$("#evidence-close").addEventListener("click", () => {
  $("#evidence").hidden = true;
  state.detail = null;
  map.invalidateSize();
});

// ---- loading ----------------------------------------------------------------------------------

function query() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (String(v).trim()) params.set(k, String(v).trim());
  return params;
}

async function load() {
  setStatus(t("loading"));
  const params = query();
  params.set("limit", PAGE);
  const events = [];
  try {
    let cursor = null;
    do {
      if (cursor) params.set("cursor", cursor);
      const page = await api(`v1/events?${params}`);
      events.push(...page.events);
      cursor = page.next;
    } while (cursor && events.length < MAX_EVENTS);
  } catch (err) {
    setStatus(`${t("error")}: ${err.message}`, true);
    return;
  }
  state.events = events;
  const countries = [...new Set(events.map((e) => e.location && e.location.country).filter(Boolean))].sort();
  $("#countries").innerHTML = countries.map((c) => `<option value="${esc(c)}">`).join("");
  renderLegend();
  renderAll();
  setStatus(events.length ? "" : t("none"));
  document.body.dataset.loaded = "true";
}

$("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
$("#filters").addEventListener("reset", () => setTimeout(load, 0));
$("#lang").addEventListener("click", () => {
  state.lang = state.lang === "ar" ? "en" : "ar";
  localStorage.setItem("rasid.lang", state.lang);
  applyLanguage();
});

const select = $("select[name=plover]");
for (const p of TYPES) select.insertAdjacentHTML("beforeend", `<option value="${p}"></option>`);

// For tests and power users in the console: what is on the map.
window.rasid = {
  markers: () => markers.getLayers().map((m) => ({ id: m.eventId, lat: m.getLatLng().lat, lon: m.getLatLng().lng })),
  openEvent,
};

applyLanguage();
loadBasemap().catch((err) => setStatus(`${t("error")}: ${err.message}`, true));
load();
