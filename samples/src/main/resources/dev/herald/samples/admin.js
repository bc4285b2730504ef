// The admin page's script: no build step, no framework. The token lives in this tab's sessionStorage only.
"use strict";

const KEY = "herald-admin-token";
const $ = (id) => document.getElementById(id);

function token() {
  return sessionStorage.getItem(KEY);
}

async function api(method, path, body) {
  const headers = { Authorization: "Bearer " + token() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch("/admin/api" + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401) {
    logout("The token was not accepted.");
    throw new Error("unauthorized");
  }
  if (!res.ok) throw new Error(data.error || res.status + " " + res.statusText);
  return data;
}

function status(text, isError) {
  const s = $("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") e.addEventListener("click", v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function textOf(html) {
  return new DOMParser().parseFromString((html || "").replace(/<\/p>/g, "</p> "), "text/html").body.textContent.trim();
}

function showApp(on) {
  $("login-section").hidden = on;
  $("app").hidden = !on;
  $("logout").hidden = !on;
}

function logout(message) {
  sessionStorage.removeItem(KEY);
  showApp(false);
  $("login-error").textContent = message || "";
}

async function login(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("token").value.trim());
  $("login-error").textContent = "";
  try {
    await api("GET", "/stats");
    showApp(true);
    await refresh();
  } catch (e) {
    if (e.message !== "unauthorized") status(e.message, true);
  }
}

async function publish(event) {
  event.preventDefault();
  const imageUrl = $("image-url").value.trim();
  const alt = $("image-alt").value.trim();
  if (imageUrl && !alt) {
    status("Describe the image for people who cannot see it (image description).", true);
    $("image-alt").focus();
    return;
  }
  const post = {
    content: $("content").value.split(/\n{2,}/).map((p) => "<p>" + escapeHtml(p).replace(/\n/g, "<br>") + "</p>").join(""),
    summary: $("cw").value.trim() || null,
    hashtags: $("hashtags").value.split(/[\s,]+/).filter(Boolean),
    language: $("language").value.trim() || null,
    visibility: $("visibility").value,
    quotePolicy: $("quote-policy").value || null,
    url: $("link").value.trim() || null,
    attachments: imageUrl ? [{ url: imageUrl, mediaType: mediaTypeOf(imageUrl), alt }] : [],
  };
  try {
    const res = await api("POST", "/posts", post);
    status("Published " + res.id);
    $("compose").reset();
    $("language").value = "en";
    await refresh();
  } catch (e) {
    status(e.message, true);
  }
}

function mediaTypeOf(url) {
  const ext = url.split(/[?#]/)[0].split(".").pop().toLowerCase();
  return { png: "image/png", gif: "image/gif", webp: "image/webp", svg: "image/svg+xml", avif: "image/avif" }[ext] || "image/jpeg";
}

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

async function follow(event) {
  event.preventDefault();
  try {
    const res = await api("POST", "/follow", { target: $("follow-target").value.trim() });
    status("Follow sent: " + res.activity);
    $("follow").reset();
  } catch (e) {
    status(e.message, true);
  }
}

async function remove(id) {
  if (!confirm("Delete this post everywhere?")) return;
  try {
    await api("DELETE", "/posts?id=" + encodeURIComponent(id));
    status("Deleted " + id);
    await refresh();
  } catch (e) {
    status(e.message, true);
  }
}

async function decideQuote(id, action) {
  if (action === "revoke" && !confirm("Withdraw the permission to quote this post?")) return;
  try {
    await api("POST", "/quotes/" + action, { id });
    await refresh();
  } catch (e) {
    status(e.message, true);
  }
}

async function decide(actor, approve) {
  try {
    await api("POST", "/followers/" + (approve ? "approve" : "reject"), { actor });
    await refresh();
  } catch (e) {
    status(e.message, true);
  }
}

function renderPosts(stats) {
  const list = $("posts");
  list.replaceChildren();
  for (const p of stats.posts) {
    const text = textOf(p.content);
    const li = el("li", { "data-id": p.id },
      el("div", {}, p.summary ? "[CW: " + p.summary + "] " : "", text.length > 200 ? text.slice(0, 200) + "…" : text),
      el("div", { class: "meta" },
        new Date(p.published).toLocaleString(), " · ", p.visibility,
        " · ♥ " + p.likes + " · ⟳ " + p.boosts + " · ↩ " + p.replies + " · ❝ " + p.quotes,
        p.quotePolicy ? " · quotes: " + QUOTE_POLICIES[p.quotePolicy] : "",
        (p.attachments || []).map((a) => " · image: " + a.name).join(""),
        " · ", el("a", { href: p.id }, "open")));
    if (p.deleted) li.append(el("div", { class: "meta" }, "deleted"));
    else li.append(el("button", { type: "button", onclick: () => remove(p.id) }, "Delete"));
    list.append(li);
  }
  if (!stats.posts.length) list.append(el("li", {}, "No posts yet."));
}

const QUOTE_POLICIES = { public: "anyone", followers: "followers", manual: "after approval", nobody: "nobody" };

function renderQuotes(stats, pending, accepted) {
  const posts = new Map(stats.posts.map((p) => [p.id, textOf(p.content)]));
  const item = (q, ...buttons) => {
    const text = posts.get(q.post) || q.post;
    return el("li", { "data-id": q.id },
      el("a", { href: q.quotingActor }, q.quotingActor), " quotes ",
      el("a", { href: q.post }, text.length > 60 ? text.slice(0, 60) + "…" : text), " in ",
      el("a", { href: q.quotingPost }, "their post"),
      el("span", { class: "meta" }, " · " + new Date(q.decided || q.requested).toLocaleString()), " ", ...buttons);
  };
  const button = (q, action, label) =>
    el("button", { type: "button", "data-action": action, onclick: () => decideQuote(q.id, action) }, label);
  const p = $("quote-pending");
  p.replaceChildren(...pending.items.map((q) => item(q, button(q, "approve", "Approve"), " ", button(q, "reject", "Reject"))));
  if (!pending.items.length) p.append(el("li", {}, "Nobody is asking."));
  const a = $("quote-accepted");
  a.replaceChildren(...accepted.items.map((q) => item(q, button(q, "revoke", "Revoke"))));
  if (!accepted.items.length) a.append(el("li", {}, "None yet."));
  if (accepted.totalItems > accepted.items.length) {
    a.append(el("li", { class: "meta" }, "… and " + (accepted.totalItems - accepted.items.length) + " more"));
  }
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function lineChart(target, title, points) {
  const w = 600, h = 160, pad = 30;
  const root = svg("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": title });
  root.append(svg("text", { x: pad, y: 16, "font-size": 12 }, title));
  if (points.length) {
    const max = Math.max(1, ...points.map((p) => p.y));
    const step = points.length > 1 ? (w - 2 * pad) / (points.length - 1) : 0;
    const xy = points.map((p, i) => [pad + i * step, h - pad - (p.y / max) * (h - 2 * pad - 10)]);
    root.append(svg("polyline", { points: xy.map((p) => p.join(",")).join(" "), fill: "none", stroke: "#36c", "stroke-width": 2 }));
    xy.forEach(([x, y], i) => {
      root.append(svg("circle", { cx: x, cy: y, r: 3, fill: "#36c" }));
      root.append(svg("text", { x, y: h - 10, "font-size": 9, "text-anchor": "middle" }, points[i].label));
      root.append(svg("text", { x, y: y - 6, "font-size": 10, "text-anchor": "middle" }, points[i].y));
    });
  }
  target.replaceChildren(root);
}

function barChart(target, title, posts) {
  const w = 600, h = 180, pad = 30;
  const root = svg("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": title });
  root.append(svg("text", { x: pad, y: 16, "font-size": 12 }, title + " (blue: boosts, orange: likes)"));
  const shown = posts.filter((p) => !p.deleted).slice(0, 12).reverse();
  const max = Math.max(1, ...shown.map((p) => Math.max(p.boosts, p.likes)));
  const slot = shown.length ? (w - 2 * pad) / shown.length : 0;
  shown.forEach((p, i) => {
    const x = pad + i * slot;
    const bw = Math.max(2, slot / 2 - 4);
    const scale = (v) => (v / max) * (h - 2 * pad - 10);
    root.append(svg("rect", { x, y: h - pad - scale(p.boosts), width: bw, height: scale(p.boosts), fill: "#36c" }));
    root.append(svg("rect", { x: x + bw + 2, y: h - pad - scale(p.likes), width: bw, height: scale(p.likes), fill: "#e80" }));
    root.append(svg("text", { x: x + bw, y: h - 12, "font-size": 9, "text-anchor": "middle" }, textOf(p.content).slice(0, 10)));
  });
  target.replaceChildren(root);
}

async function refresh() {
  const [stats, pending, deliveries, quotesPending, quotesAccepted] = await Promise.all([
    api("GET", "/stats"), api("GET", "/followers?state=pending"), api("GET", "/deliveries"),
    api("GET", "/quotes?state=pending"), api("GET", "/quotes?state=accepted&limit=20"),
  ]);
  renderPosts(stats);
  renderQuotes(stats, quotesPending, quotesAccepted);
  $("follower-count").textContent = stats.followers + " followers, following " + stats.following;
  const p = $("pending");
  p.replaceChildren();
  for (const actor of pending.items) {
    p.append(el("li", {}, el("a", { href: actor }, actor), " ",
      el("button", { type: "button", onclick: () => decide(actor, true) }, "Approve"), " ",
      el("button", { type: "button", onclick: () => decide(actor, false) }, "Reject")));
  }
  if (!pending.items.length) p.append(el("li", {}, "Nobody is waiting."));
  const rows = $("deliveries").tBodies[0];
  rows.replaceChildren();
  for (const k of ["pending", "retrying", "inFlight", "delivered", "failed"]) {
    rows.append(el("tr", {}, el("td", {}, k), el("td", { "data-state": k }, deliveries[k])));
  }
  const f = $("failing");
  f.replaceChildren();
  for (const host of deliveries.failingHosts) {
    f.append(el("li", {}, host.host + ": " + host.consecutiveFailures + " failures in a row"
      + (host.lastFailure ? ", last " + new Date(host.lastFailure).toLocaleString() : "")));
  }
  for (const b of deliveries.backlogByHost) f.append(el("li", {}, b.host + ": " + b.waiting + " waiting"));
  for (const r of deliveries.recentFailures.slice(0, 10)) {
    f.append(el("li", { class: "meta" }, new Date(r.at).toLocaleString() + " " + r.host + ": " + r.error
      + " (attempt " + r.attempt + (r.givenUp ? ", given up" : "") + ")"));
  }
  if (!f.children.length) f.append(el("li", {}, "None."));
  lineChart($("chart-followers"), "Followers over time",
    stats.followersOverTime.map((d) => ({ label: d.date.slice(5), y: d.followers })));
  barChart($("chart-posts"), "Boosts and likes per post", stats.posts);
}

document.addEventListener("DOMContentLoaded", () => {
  $("login").addEventListener("submit", login);
  $("compose").addEventListener("submit", publish);
  $("follow").addEventListener("submit", follow);
  $("logout").addEventListener("click", () => logout());
  if (token()) {
    showApp(true);
    refresh().catch((e) => status(e.message, true));
  }
});
