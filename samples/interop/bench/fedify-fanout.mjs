#!/usr/bin/env node
// fedify-fanout: Fedify (@fedify/fedify 2.3.6) fanning out one Create(Note)
// to N personal inboxes, for Herald's benchmark driver.  Loopback only.
//
//   node bench/fedify-fanout.mjs --inboxes FILE [--queue in-process|none]
//                                [--workers N] [--content-bytes 800]
//
// FILE: one inbox URL per line (loopback hosts only; duplicates are merged,
// as Fedify itself merges them).  --queue in-process (default) uses
// InProcessMessageQueue, which handles ONE message at a time; --workers N
// wraps it in Fedify's ParallelMessageQueue (N concurrent deliveries).
// --queue none: no queue, sendActivity delivers to all inboxes at once
// (Promise.all) and resolves when every delivery finished; no retries.
//
// stdout, one JSON object a line:
//   {"event":"ready","actor":"http://127.0.0.1:P/users/news","inboxes":N,"queue":"in-process","workers":1}
//   -- then waits for the line `go` on stdin --
//   {"event":"sent","ms":T}            sendActivity's promise resolved (ms since go)
//   {"event":"sent","ms":T,"error":"..."}   ... or rejected (--queue none: a delivery failed)
//   {"event":"delivered","ok":n,"failed":m,"posts":p,"ms":T}
//        once Fedify has nothing left to do: queue empty (no pending or delayed
//        retry) and no request in flight.  ok = inboxes that answered 2xx to a
//        signed POST; failed = N - ok; posts = inbox POSTs made (double-knocks
//        and retries count too).  With failing inboxes and the in-process
//        queue this waits for Fedify's whole retry schedule.
// Runs until stdin closes, then exits 0.  Fedify's warnings go to stderr
// (FEDIFY_PEER_LOG=debug|info|warning|error to change).

import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Temporal } from "@js-temporal/polyfill";
import { createFederation, InProcessMessageQueue, MemoryKvStore, ParallelMessageQueue } from "@fedify/fedify";
import { Create, Endpoints, Note, PUBLIC_COLLECTION, Person } from "@fedify/fedify/vocab";
import {
  configureLogging, diag, emit, generateRsa2048, installLoopbackGuard, listenFederation, readStdin,
} from "./bench-common.mjs";

const { values: args } = parseArgs({
  options: {
    inboxes: { type: "string" },
    queue: { type: "string", default: "in-process" },
    workers: { type: "string", default: "1" },
    "content-bytes": { type: "string", default: "800" },
  },
});
if (args.inboxes == null) throw new Error("--inboxes FILE is required");
if (args.queue !== "in-process" && args.queue !== "none") throw new Error("--queue must be in-process or none");
const workers = Number(args.workers);
const contentBytes = Number(args["content-bytes"]);
if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers must be a positive integer");
if (!Number.isInteger(contentBytes) || contentBytes < 0) throw new Error("--content-bytes must be >= 0");

await configureLogging();

// ---- recipients --------------------------------------------------------------
// One Recipient ({id, inboxId, endpoints}) per inbox, with no shared inbox, so
// Fedify makes one signed POST per inbox.  The actor id is the inbox URL minus
// "/inbox" (any distinct URL would do: Fedify only uses it for bookkeeping).
const inboxUrls = [...new Set(readFileSync(args.inboxes, "utf8").split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
const recipients = inboxUrls.map((inbox) => ({
  id: new URL(inbox.endsWith("/inbox") ? inbox.slice(0, -"/inbox".length) : `${inbox}#actor`),
  inboxId: new URL(inbox),
  endpoints: null,
}));
const inboxSet = new Set(recipients.map((r) => r.inboxId.href));
if (inboxSet.size === 0) throw new Error(`no inbox URLs in ${args.inboxes}`);

// ---- delivery accounting -----------------------------------------------------
// Fedify has no per-delivery completion hook (onOutboxError only sees
// failures), so: the fetch guard sees every inbox POST and its status, and a
// thin decorator around the queue counts messages enqueued vs. handled.
let queue = null; // the CountingQueue, or null with --queue none
const okInboxes = new Set();
let posts = 0;
let inFlight = 0;
let goAt = null;
let sendSettled = false;
let deliveredEmitted = false;

installLoopbackGuard(
  (method, url, status) => {
    if (method !== "POST" || !inboxSet.has(url)) return;
    inFlight--;
    if (status != null && status >= 200 && status < 300) okInboxes.add(url);
    maybeDelivered();
  },
  (method, url) => {
    if (method !== "POST" || !inboxSet.has(url)) return;
    posts++;
    inFlight++;
  },
);

/** Counts messages in and out of the wrapped queue; otherwise pure delegation. */
class CountingQueue {
  enqueued = 0;
  handled = 0;
  constructor(inner) {
    this.inner = inner;
    this.nativeRetrial = inner.nativeRetrial;
    if (inner.getDepth != null) this.getDepth = () => inner.getDepth();
  }
  enqueue(message, options) {
    this.enqueued++;
    return this.inner.enqueue(message, options);
  }
  enqueueMany(messages, options) {
    this.enqueued += messages.length;
    return this.inner.enqueueMany(messages, options);
  }
  listen(handler, options) {
    return this.inner.listen(async (message) => {
      try {
        await handler(message);
      } finally {
        this.handled++;
        maybeDelivered();
      }
    }, options);
  }
}

function idle() {
  if (!sendSettled || inFlight > 0) return false;
  return queue == null || queue.handled === queue.enqueued;
}

function maybeDelivered() {
  if (deliveredEmitted || !idle()) return;
  // Re-check after pending callbacks ran: a double-knock's second POST starts
  // only after an async re-sign, so a momentary zero could be misleading.
  setTimeout(() => {
    if (deliveredEmitted || !idle()) return;
    deliveredEmitted = true;
    emit({
      event: "delivered",
      ok: okInboxes.size,
      failed: inboxSet.size - okInboxes.size,
      posts,
      ms: round(performance.now() - goAt),
    });
  }, 20);
}

const round = (ms) => Math.round(ms * 10) / 10;

// ---- federation --------------------------------------------------------------
if (args.queue === "in-process") {
  const inProcess = new InProcessMessageQueue();
  queue = new CountingQueue(workers > 1 ? new ParallelMessageQueue(inProcess, workers) : inProcess);
}

const keyPair = await generateRsa2048();
const federation = createFederation({
  kv: new MemoryKvStore(),
  allowPrivateAddress: true, // loopback; Fedify's SSRF guard refuses it otherwise
  ...(queue != null ? { queue } : {}), // auto-started on the first enqueue
});

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "news") return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify fan-out benchmark",
      inbox: ctx.getInboxUri(identifier),
      followers: ctx.getFollowersUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === "news" ? [keyPair] : []));
// Needed for the actor's inbox / followers URIs; the recipients are given
// explicitly to sendActivity, so the collection itself is empty.
federation.setFollowersDispatcher("/users/{identifier}/followers", () => ({ items: [] }));
federation.setInboxListeners("/users/{identifier}/inbox", "/inbox");

const { server, port } = await listenFederation(federation);
const origin = `http://127.0.0.1:${port}`;
const ctx = federation.createContext(new URL(origin), undefined);
emit({
  event: "ready",
  actor: ctx.getActorUri("news").href,
  inboxes: inboxSet.size,
  queue: args.queue,
  workers: queue != null ? workers : 0,
});

// ---- go ----------------------------------------------------------------------
async function go() {
  const now = Temporal.Now.instant();
  const followers = ctx.getFollowersUri("news");
  const note = new Note({
    id: new URL(`/notes/${randomUUID()}`, origin),
    attribution: ctx.getActorUri("news"),
    content: `<p>${"x".repeat(contentBytes)}</p>`,
    published: now,
    to: PUBLIC_COLLECTION,
    cc: followers,
  });
  const create = new Create({
    id: new URL(`/creates/${randomUUID()}`, origin),
    actor: ctx.getActorUri("news"),
    object: note,
    published: now,
    to: PUBLIC_COLLECTION,
    cc: followers,
  });
  goAt = performance.now();
  try {
    await ctx.sendActivity({ identifier: "news" }, recipients, create);
    emit({ event: "sent", ms: round(performance.now() - goAt) });
  } catch (e) {
    emit({ event: "sent", ms: round(performance.now() - goAt), error: String(e?.message ?? e).split("\n")[0] });
  }
  sendSettled = true;
  maybeDelivered();
}

let started = false;
readStdin(
  (line) => {
    if (line.trim() !== "go" || started) return;
    started = true;
    go().catch((e) => diag(`go failed: ${e?.stack ?? e}`));
  },
  () => {
    server.closeAllConnections?.();
    server.close();
    process.exit(0);
  },
);
