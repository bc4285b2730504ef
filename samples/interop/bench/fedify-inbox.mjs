#!/usr/bin/env node
// fedify-inbox: a Fedify (@fedify/fedify 2.3.6) inbox server under load, for
// Herald's benchmark driver.  Loopback only.
//
//   node bench/fedify-inbox.mjs [--port 0] [--queue none|in-process] [--workers N]
//
// One actor, `news` (RSA-2048), with inbox listeners at /users/{identifier}/inbox
// and the shared /inbox for Follow, Like, Announce, Create, Undo and Delete.
// Fedify does the work a real server does per request: verifies the HTTP
// signature (draft-cavage or RFC 9421), fetches the signer's key by keyId
// (loopback only) and caches it in the kv store, checks the key's owner is
// the activity's actor, and dedupes by activity id (per inbox, its default).
// Each listener stores the activity's JSON-LD in the kv store, keyed by id.
//
// --queue none (default): listeners run inline, before the response is sent.
// --queue in-process: Fedify verifies, enqueues and answers 202; listeners run
//   afterwards from InProcessMessageQueue (one at a time; --workers N wraps it
//   in ParallelMessageQueue).  This is how Fedify is deployed in production
//   (with a persistent queue); `stored` then lags behind the responses.
//
// stdout (one JSON line):
//   {"event":"ready","port":P,"sharedInbox":"http://127.0.0.1:P/inbox","actor":"http://127.0.0.1:P/users/news"}
// GET /stats -> {"stored":n,"rejected":m,"accepted":a}
//   stored   = activities the listeners stored (duplicates are not re-stored)
//   rejected = POSTs Fedify answered with a non-2xx status (e.g. 401 for a bad signature)
//   accepted = POSTs Fedify answered with 2xx
// Exits when stdin closes.  Fedify's warnings go to stderr.

import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";
import { createFederation, InProcessMessageQueue, MemoryKvStore, ParallelMessageQueue } from "@fedify/fedify";
import { Announce, Create, Delete, Endpoints, Follow, Like, Person, Undo } from "@fedify/fedify/vocab";
import {
  configureLogging, diag, emit, generateRsa2048, installLoopbackGuard, listenFederation, readStdin,
} from "./bench-common.mjs";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    queue: { type: "string", default: "none" },
    workers: { type: "string", default: "1" },
  },
});
if (args.queue !== "in-process" && args.queue !== "none") throw new Error("--queue must be none or in-process");
const workers = Number(args.workers);
if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers must be a positive integer");

await configureLogging();
installLoopbackGuard(); // key fetches may only go to loopback

let queue;
if (args.queue === "in-process") {
  const inProcess = new InProcessMessageQueue();
  queue = workers > 1 ? new ParallelMessageQueue(inProcess, workers) : inProcess;
}

const kv = new MemoryKvStore();
const keyPair = await generateRsa2048();
const federation = createFederation({
  kv,
  allowPrivateAddress: true, // loopback key fetches; Fedify's SSRF guard refuses them otherwise
  ...(queue != null ? { queue } : {}),
});

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "news") return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify inbox benchmark",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === "news" ? [keyPair] : []));

const stats = { stored: 0, rejected: 0, accepted: 0 };

/** "Stores" an activity: its JSON-LD in the kv store, keyed by its id. */
async function store(ctx, activity) {
  const json = await activity.toJsonLd({ contextLoader: ctx.contextLoader });
  await kv.set(["bench", "activity", activity.id?.href ?? randomUUID()], json);
  stats.stored++;
}

let listeners = federation.setInboxListeners("/users/{identifier}/inbox", "/inbox");
for (const cls of [Follow, Like, Announce, Create, Undo, Delete]) listeners = listeners.on(cls, store);
listeners.onError((_ctx, error) => diag(`inbox listener error: ${error?.stack ?? error}`));

const { server, port } = await listenFederation(federation, {
  port: Number(args.port),
  route(req, res) {
    if (req.method !== "GET" || req.url !== "/stats") return false;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    return true;
  },
  onResponse(request, response) {
    if (request.method !== "POST") return;
    if (response.status >= 200 && response.status < 300) stats.accepted++;
    else stats.rejected++;
  },
});

const ctx = federation.createContext(new URL(`http://127.0.0.1:${port}`), undefined);
emit({
  event: "ready",
  port,
  sharedInbox: ctx.getInboxUri().href,
  actor: ctx.getActorUri("news").href,
  queue: args.queue,
});

readStdin(
  () => {},
  () => {
    server.closeAllConnections?.();
    server.close();
    process.exit(0);
  },
);
