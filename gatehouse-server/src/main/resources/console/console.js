// The Gatehouse operations console: plain JavaScript, no build step, nothing from elsewhere.
// Every call is an /api/v1 call with the admin key as a Bearer token; the key lives in this
// tab's sessionStorage only. The live picture comes from the server-sent event stream
// /api/v1/console/events, read with fetch so that the key travels in a header, never a URL.
"use strict";

(function () {
  const KEY = "gatehouse.adminKey";
  const EVENTS = "/api/v1/console/events";
  const KEPT_MS = 15 * 60 * 1000;
  const PALETTE = ["#0b5cad", "#b42318", "#1a7f37", "#8250df", "#bf5700", "#0a7b83", "#6e7781", "#d4a72c"];
  const $ = (id) => document.getElementById(id);

  let key = sessionStorage.getItem(KEY);
  let stream = null;
  let retry = null;
  let picture = null;
  let samples = [];
  let lastVcmi = null;
  let vcmiRates = new Map();
  let selected = null;

  // ---- small helpers ------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? "" : String(c)));
    return e;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  // Replaces a table body's rows; the element that had the focus (by its data-focus key) keeps it.
  function rows(tbody, list, columns, render) {
    const focused = document.activeElement && tbody.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-focus") : null;
    const fresh = list.length === 0
      ? [el("tr", {}, el("td", { colspan: columns, class: "empty" }, "none"))]
      : list.map(render);
    tbody.replaceChildren(...fresh);
    if (focused) {
      const again = tbody.querySelector(`[data-focus="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  function age(since, now) {
    let s = Math.max(0, Math.round((Date.parse(now) - Date.parse(since)) / 1000));
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
    return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : "-";
  }

  function notice(text, bad) {
    const n = $("notice");
    n.textContent = text;
    n.className = bad ? "notice error" : "notice";
  }

  async function api(method, path, body) {
    const headers = { Authorization: "Bearer " + key };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, cache: "no-store", body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (res.status === 401 || res.status === 403) {
      signOut((json && json.error) || "the admin key was refused");
      throw new Error("signed out");
    }
    if (!res.ok) throw new Error((json && json.error) || res.status + " " + res.statusText);
    return json;
  }

  // ---- signing in and out -------------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const given = $("admin-key").value.trim();
    $("sign-in-error").textContent = "";
    if (!given) return;
    try {
      const res = await fetch("/api/v1/fronts", { headers: { Authorization: "Bearer " + given }, cache: "no-store" });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        $("sign-in-error").textContent = body.error || "refused: " + res.status;
        return;
      }
    } catch (e) {
      $("sign-in-error").textContent = "the server does not answer: " + e.message;
      return;
    }
    key = given;
    sessionStorage.setItem(KEY, key);
    $("admin-key").value = "";
    start();
  }

  function signOut(why) {
    key = null;
    sessionStorage.removeItem(KEY);
    if (stream) stream.abort();
    stream = null;
    clearTimeout(retry);
    $("main").hidden = true;
    $("sign-out").hidden = true;
    $("sign-in").hidden = false;
    setState("signed out", "");
    $("sign-in-error").textContent = typeof why === "string" ? why : "";
    $("admin-key").focus();
  }

  function start() {
    $("sign-in").hidden = true;
    $("main").hidden = false;
    $("sign-out").hidden = false;
    $("main").focus();
    connect();
  }

  function setState(text, cls) {
    const s = $("state");
    s.textContent = text;
    s.className = cls;
  }

  // ---- the event stream ---------------------------------------------------------------------

  async function connect() {
    if (!key) return;
    const controller = new AbortController();
    stream = controller;
    setState("connecting", "down");
    try {
      const res = await fetch(EVENTS, { headers: { Authorization: "Bearer " + key, Accept: "text/event-stream" },
        cache: "no-store", signal: controller.signal });
      if (res.status === 401 || res.status === 403) {
        signOut("the admin key was refused");
        return;
      }
      if (!res.ok || !res.body) throw new Error("stream refused: " + res.status);
      setState("live", "live");
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      throw new Error("the stream ended");
    } catch (e) {
      if (controller.signal.aborted || !key) return;
      setState("reconnecting (" + e.message + ")", "down");
      retry = setTimeout(connect, 3000);
    }
  }

  function dispatch(block) {
    let event = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length === 0) return;
    const payload = JSON.parse(data.join("\n"));
    if (event === "history") {
      samples = payload.samples;
      drawCharts();
    } else if (event === "snapshot") {
      show(payload);
    }
  }

  // ---- what the picture shows ---------------------------------------------------------------

  function show(p) {
    picture = p;
    $("node").textContent = p.node ? "(node " + p.node + ")" : "";
    const listeners = [];
    for (const f of p.fronts) for (const l of f.listeners) listeners.push({ front: f.name, ...l });
    listeners.push({ front: "http", kind: "api", shown: location.origin + "/  (health, metrics, /api/v1, /console)" });
    rows($("fronts-rows"), listeners, 3, (l) => el("tr", {}, el("td", {}, l.front), el("td", {}, l.kind), el("td", {}, l.shown)));
    fillFrontChoice(p.fronts.map((f) => f.name));
    showSessions();
    showVcmi(p.views.vcmi);
    showAstron(p.views.astron);
    showMarauroa(p.views.marauroa);
    if (p.sample && (samples.length === 0 || p.sample.at > samples[samples.length - 1].at)) {
      samples.push(p.sample);
      const from = p.sample.at - KEPT_MS;
      while (samples.length && samples[0].at < from) samples.shift();
    }
    drawCharts();
  }

  function fillFrontChoice(names) {
    const select = $("sessions-front");
    const have = Array.from(select.options).map((o) => o.value);
    for (const n of names) if (!have.includes(n)) select.append(el("option", { value: n }, n));
  }

  function showSessions() {
    if (!picture) return;
    const front = $("sessions-front").value;
    const q = $("sessions-search").value.trim().toLowerCase();
    const list = picture.sessions.filter((s) => (!front || s.front === front)
      && (!q || [s.account, s.address, s.id].some((v) => v && String(v).toLowerCase().includes(q))));
    $("sessions-count").textContent = "(" + list.length + " of " + picture.sessions.length + ")";
    rows($("sessions-rows"), list, 6, (s) => el("tr", { "data-session": s.id, "data-front": s.front },
      el("td", {}, s.front),
      el("td", {}, s.account || "-"),
      el("td", {}, s.address || "-"),
      el("td", {}, s.node || picture.node || "-"),
      el("td", { class: "num" }, age(s.since, picture.at)),
      el("td", {}, el("button", { type: "button", class: "danger kick", "data-focus": "kick-" + s.id,
        "aria-label": "Kick " + (s.account || s.front + " session") + " (" + s.front + ")",
        onclick: () => kick(s) }, "Kick"))));
  }

  async function kick(s) {
    try {
      const r = await api("DELETE", "/api/v1/sessions/" + encodeURIComponent(s.id));
      notice("Kicked " + (s.account || s.id) + " on " + r.front + ": " + r.answer);
    } catch (e) {
      notice("Kick failed: " + e.message, true);
    }
  }

  function showVcmi(v) {
    const section = $("vcmi");
    section.querySelector(".off").hidden = v !== undefined;
    if (!v) {
      rows($("vcmi-rooms"), [], 5);
      rows($("vcmi-games"), [], 6);
      return;
    }
    rows($("vcmi-rooms"), v.rooms, 5, (r) => el("tr", {},
      el("td", {}, r.name), el("td", {}, r.host),
      el("td", {}, r.players.map((p) => p.name + (p.ready ? " (ready)" : "")).join(", ")),
      el("td", { class: "num" }, r.players.length + " / " + r.total), el("td", {}, r.passworded ? "yes" : "no")));
    const at = Date.parse(v.at);
    const rates = new Map();
    const pipes = [];
    for (const g of v.games) {
      for (const p of g.pipes) {
        const id = g.name + "|" + p.role + "|" + p.address;
        const before = lastVcmi && lastVcmi.get(id);
        let rate = vcmiRates.get(id);
        if (before && at > before.at) rate = (p.bytes - before.bytes) / ((at - before.at) / 1000);
        rates.set(id, rate);
        pipes.push({ game: g.name, rate, ...p, id });
      }
    }
    lastVcmi = new Map(pipes.map((p) => [p.id, { at, bytes: p.bytes }]));
    vcmiRates = rates;
    rows($("vcmi-games"), pipes, 6, (p) => el("tr", {},
      el("td", {}, p.game), el("td", {}, p.player), el("td", {}, p.role), el("td", {}, p.address),
      el("td", {}, p.paired ? "yes" : "waiting"),
      el("td", { class: "num", title: p.bytes + " bytes in all" }, p.rate === undefined ? "…" : Math.round(p.rate).toString())));
  }

  function showAstron(a) {
    $("astron").querySelector(".off").hidden = a !== undefined;
    rows($("astron-zones"), a ? a.zones : [], 3, (z) => el("tr", {},
      el("td", { class: "num" }, z.parent), el("td", { class: "num" }, z.zone), el("td", { class: "num" }, z.objects)));
    rows($("astron-clients"), a ? a.clients : [], 4, (c) => el("tr", {},
      el("td", { class: "num" }, c.channel), el("td", {}, c.state), el("td", {}, c.address),
      el("td", {}, c.interests.length === 0 ? "-" : c.interests.map((i) => "#" + i.id + ": " + i.parent + " [" + i.zones.join(", ") + "]").join("; "))));
  }

  function showMarauroa(m) {
    $("marauroa").querySelector(".off").hidden = m !== undefined;
    $("marauroa-turn").textContent = m ? "Turn every " + m.turn_ms + " ms; the last took " + m.last_turn_ms.toFixed(2)
      + " ms of work; " + m.turns + " turns so far." : "";
    rows($("marauroa-zones"), m ? m.zones : [], 3, (z) => el("tr", {},
      el("td", {}, z.zone), el("td", { class: "num" }, z.players), el("td", { class: "num" }, z.objects)));
  }

  // ---- accounts -----------------------------------------------------------------------------

  async function findAccounts(event) {
    if (event) event.preventDefault();
    try {
      const r = await api("GET", "/api/v1/accounts?q=" + encodeURIComponent($("accounts-search").value.trim()));
      rows($("accounts-rows"), r.accounts, 4, (a) => el("tr", {},
        el("td", {}, el("button", { type: "button", class: "link", "data-focus": "account-" + a.username,
          onclick: () => openAccount(a.username) }, a.username)),
        el("td", {}, a.status + (a.banned_until ? " until " + when(a.banned_until) : "")),
        el("td", {}, a.ban_reason || ""), el("td", {}, when(a.created_at))));
    } catch (e) {
      notice("Finding accounts failed: " + e.message, true);
    }
  }

  async function openAccount(name) {
    try {
      const [a, h] = await Promise.all([
        api("GET", "/api/v1/accounts/" + encodeURIComponent(name)),
        api("GET", "/api/v1/accounts/" + encodeURIComponent(name) + "/logins")]);
      selected = a.username;
      $("account").hidden = false;
      $("account-title").textContent = "Account " + a.username;
      $("account-status").textContent = "Status: " + a.status + (a.ban_reason ? " (" + a.ban_reason + ")" : "")
        + (a.banned_until ? " until " + when(a.banned_until) : "");
      rows($("logins-rows"), h.logins, 4, (l) => el("tr", {},
        el("td", {}, when(l.at)), el("td", {}, l.address || "-"), el("td", {}, l.front || "-"), el("td", {}, l.result)));
    } catch (e) {
      notice("Reading the account failed: " + e.message, true);
    }
  }

  async function ban(event) {
    event.preventDefault();
    if (!selected) return;
    const body = { reason: $("ban-reason").value.trim() };
    const seconds = $("ban-seconds").value.trim();
    if (seconds) body.seconds = Number(seconds);
    try {
      const r = await api("POST", "/api/v1/accounts/" + encodeURIComponent(selected) + "/ban", body);
      notice("Banned " + r.username + ": " + r.reason + "; " + r.sessions_closed + " session(s) closed");
      await openAccount(selected);
      await findAccounts();
    } catch (e) {
      notice("Ban failed: " + e.message, true);
    }
  }

  async function unban() {
    if (!selected) return;
    try {
      const r = await api("DELETE", "/api/v1/accounts/" + encodeURIComponent(selected) + "/ban");
      notice("Unbanned " + r.username);
      await openAccount(selected);
      await findAccounts();
    } catch (e) {
      notice("Unban failed: " + e.message, true);
    }
  }

  // ---- charts -------------------------------------------------------------------------------

  function drawCharts() {
    chart("chart-connections", (s) => s.connections, (v) => String(Math.round(v)));
    chart("chart-packets", (s) => {
      const out = {};
      for (const [f, v] of Object.entries(s.packets_in || {})) out[f + " in"] = v;
      for (const [f, v] of Object.entries(s.packets_out || {})) out[f + " out"] = v;
      return out;
    }, (v) => v.toFixed(1));
    chart("chart-closes", (s) => s.closes, (v) => String(Math.round(v)));
  }

  // One small line chart: a line per series over the last 15 minutes, and its newest values in text.
  function chart(id, values, format) {
    const figure = $(id);
    const names = [];
    for (const s of samples) for (const n of Object.keys(values(s) || {})) if (!names.includes(n)) names.push(n);
    names.sort();
    const width = 300, height = 100;
    const now = samples.length ? samples[samples.length - 1].at : Date.now();
    let max = 1;
    for (const s of samples) for (const v of Object.values(values(s) || {})) max = Math.max(max, v);
    const plot = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img",
      "aria-label": figure.querySelector("figcaption").textContent + ", scale 0 to " + format(max) });
    plot.append(svg("line", { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: "axis" }));
    names.forEach((n, i) => {
      const points = samples.map((s) => {
        const x = width - ((now - s.at) / KEPT_MS) * width;
        const y = height - 2 - (((values(s) || {})[n] || 0) / max) * (height - 6);
        return x.toFixed(1) + "," + y.toFixed(1);
      });
      plot.append(svg("polyline", { points: points.join(" "), stroke: PALETTE[i % PALETTE.length] }));
    });
    figure.querySelector(".plot").replaceChildren(plot);
    const last = samples.length ? values(samples[samples.length - 1]) || {} : {};
    const latest = figure.querySelector(".latest");
    latest.replaceChildren();
    if (names.length === 0) {
      latest.append(samples.length ? "nothing yet" : "no sample yet");
      return;
    }
    latest.append("now:");
    names.forEach((n, i) => {
      const swatch = svg("svg", { class: "swatch", viewBox: "0 0 1 1", "aria-hidden": "true" });
      swatch.append(svg("rect", { width: 1, height: 1, fill: PALETTE[i % PALETTE.length] }));
      latest.append(swatch, el("span", { "data-series": n }, n + " " + format(last[n] || 0)));
    });
  }

  // ---- wiring -------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", () => signOut(""));
    $("sessions-front").addEventListener("change", showSessions);
    $("sessions-search").addEventListener("input", showSessions);
    $("accounts-form").addEventListener("submit", findAccounts);
    $("ban-form").addEventListener("submit", ban);
    $("unban").addEventListener("click", unban);
    drawCharts();
    if (key) start();
    else $("admin-key").focus();
  });
})();
