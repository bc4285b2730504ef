#!/usr/bin/env node
// Self-test for the Fedify benchmark peers (throwaway; loopback only).
//
//   node bench/selftest.mjs [--fanout-inboxes 200] [--queues in-process,none]
//                           [--skip-inbox] [--inbox-queue none|in-process]
//
// (a) fanout: 5 sink servers on 127.0.0.2-127.0.0.6 answer 202 and count;
//     fedify-fanout.mjs is run once per --queues entry ("in-process",
//     "in-process:8" = ParallelMessageQueue with 8 workers, "none") against
//     --fanout-inboxes distinct inboxes spread over the sinks; every inbox
//     must receive exactly one POST carrying a Signature header.  Prints
//     deliveries/s as the sinks count them: N / (last arrival - go).
// (b) inbox: fedify-inbox.mjs; 3 remote actors (Person + RSA-2048 publicKey,
//     made with node:crypto) served on 127.0.0.9; each sends a Like signed
//     with draft-cavage rsa-sha256 over "(request-target) host date digest
//     content-type" (signed here with node:crypto, not Fedify); a duplicate
//     must not be stored twice, a broken signature must get 401, and /stats
//     must say stored 3, rejected 1.
// Exits 0 when everything passed.

import http from "node:http";
import { spawn } from "node:child_process";
import { createHash, createSign, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    "fanout-inboxes": { type: "string", default: "200" },
    queues: { type: "string", default: "in-process,none" },
    "skip-inbox": { type: "boolean", default: false },
    "inbox-queue": { type: "string", default: "none" },
  },
});
const HERE = new URL(".", import.meta.url).pathname;
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
};

/** Spawns a bench script; returns {child, events: async iterator of JSON lines, next(pred)}. */
function startPeer(script, argv) {
  const child = spawn(process.execPath, [join(HERE, script), ...argv], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
    if (stderr.length > 20000) stderr = stderr.slice(-10000);
  });
  const waiting = [];
  const seen = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const event = JSON.parse(line);
    seen.push(event);
    for (const w of [...waiting]) if (w.pred(event)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(event);
    }
  });
  const next = (pred, timeoutMs = 60000) => {
    const found = seen.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      waiting.push(w);
      setTimeout(() => reject(new Error(`timeout waiting for event; stderr tail:\n${stderr.slice(-2000)}`)), timeoutMs).unref();
    });
  };
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, next, exited, stderr: () => stderr };
}

function listen(server, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve(server.address().port));
  });
}

// ---- (a) fan-out ---------------------------------------------------------------
async function fanout(queueSpec, n) {
  const [queue, workers] = queueSpec.split(":");
  const arrivals = new Map(); // inbox URL -> count
  let signed = 0;
  let lastArrival = 0;
  const sinks = [];
  for (let i = 2; i <= 6; i++) {
    const host = `127.0.0.${i}`;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const url = `http://${req.headers.host}${req.url}`;
        arrivals.set(url, (arrivals.get(url) ?? 0) + 1);
        if (req.method === "POST" && req.headers.signature) signed++;
        lastArrival = performance.now();
        res.writeHead(202).end();
      });
    });
    sinks.push({ server, host, port: await listen(server, host) });
  }
  const inboxes = [];
  for (let i = 0; i < n; i++) {
    const s = sinks[i % sinks.length];
    inboxes.push(`http://${s.host}:${s.port}/users/u${i}/inbox`);
  }
  const dir = mkdtempSync(join(tmpdir(), "fedify-bench-"));
  const file = join(dir, "inboxes.txt");
  writeFileSync(file, inboxes.join("\n") + "\n");

  const peer = startPeer("fedify-fanout.mjs", ["--inboxes", file, "--queue", queue, ...(workers ? ["--workers", workers] : [])]);
  try {
    const ready = await peer.next((e) => e.event === "ready");
    check(ready.inboxes === n && /^http:\/\/127\.0\.0\.1:\d+\/users\/news$/.test(ready.actor), `[${queueSpec}] ready ${JSON.stringify(ready)}`);
    const goAt = performance.now();
    peer.child.stdin.write("go\n");
    const sent = await peer.next((e) => e.event === "sent", 300000);
    const delivered = await peer.next((e) => e.event === "delivered", 300000);
    const seconds = (lastArrival - goAt) / 1000;
    check(inboxes.every((u) => arrivals.get(u) === 1), `[${queueSpec}] each of ${n} inboxes got exactly one POST (${arrivals.size} distinct)`);
    check(signed === n, `[${queueSpec}] ${signed} POSTs carried a Signature header`);
    check(delivered.ok === n && delivered.failed === 0, `[${queueSpec}] sent ${JSON.stringify(sent)} delivered ${JSON.stringify(delivered)}`);
    console.log(`     [${queueSpec}] ${n} deliveries in ${seconds.toFixed(2)} s at the sinks = ${(n / seconds).toFixed(0)} deliveries/s`);
    // the actor document must be fetchable (keys checkable by anyone)
    const actor = await fetch(ready.actor, { headers: { accept: "application/activity+json" } }).then((r) => r.json());
    check(actor.publicKey?.publicKeyPem?.includes("BEGIN PUBLIC KEY"), `[${queueSpec}] actor document serves publicKey`);
    peer.child.stdin.end();
    check((await peer.exited) === 0, `[${queueSpec}] exits 0 when stdin closes`);
  } finally {
    peer.child.kill();
    for (const s of sinks) s.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- (b) inbox -------------------------------------------------------------------
async function inbox() {
  // Remote actors with node:crypto RSA-2048 keys.
  const actors = [];
  const actorServer = http.createServer((req, res) => {
    const actor = actors.find((a) => new URL(a.id).pathname === req.url);
    if (actor == null) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/activity+json" }).end(JSON.stringify(actor.document));
  });
  const actorPort = await listen(actorServer, "127.0.0.9");
  for (let i = 1; i <= 3; i++) {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const id = `http://127.0.0.9:${actorPort}/actors/a${i}`;
    actors.push({
      id,
      privateKey,
      document: {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        id,
        type: "Person",
        preferredUsername: `a${i}`,
        inbox: `${id}/inbox`,
        publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) },
      },
    });
  }

  const peer = startPeer("fedify-inbox.mjs", ["--port", "0", "--queue", args["inbox-queue"]]);
  try {
    const ready = await peer.next((e) => e.event === "ready");
    check(ready.sharedInbox === `http://127.0.0.1:${ready.port}/inbox`, `inbox ready ${JSON.stringify(ready)}`);

    /** POSTs `activity` signed by `actor` (draft-cavage rsa-sha256); returns the status. */
    function post(actor, path, activity, { breakSignature = false } = {}) {
      const body = JSON.stringify(activity);
      const host = `127.0.0.1:${ready.port}`;
      const date = new Date().toUTCString();
      const digest = `SHA-256=${createHash("sha256").update(body).digest("base64")}`;
      const contentType = "application/activity+json";
      const signingString = [`(request-target): post ${path}`, `host: ${host}`, `date: ${date}`, `digest: ${digest}`, `content-type: ${contentType}`].join("\n");
      let signature = createSign("RSA-SHA256").update(signingString).sign(actor.privateKey, "base64");
      if (breakSignature) signature = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
      const headers = {
        host,
        date,
        digest,
        "content-type": contentType,
        "content-length": Buffer.byteLength(body),
        signature: `keyId="${actor.id}#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest content-type",signature="${signature}"`,
      };
      return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: ready.port, method: "POST", path, headers }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode));
        });
        req.on("error", reject);
        req.end(body);
      });
    }
    const like = (actor, n) => ({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${actor.id}/likes/${n}`,
      type: "Like",
      actor: actor.id,
      object: `http://127.0.0.1:${ready.port}/notes/1`,
    });

    const paths = ["/inbox", "/inbox", "/users/news/inbox"];
    for (let i = 0; i < 3; i++) {
      const status = await post(actors[i], paths[i], like(actors[i], 1));
      check(status === 202, `signed Like from a${i + 1} to ${paths[i]} -> ${status}`);
    }
    const dup = await post(actors[0], "/inbox", like(actors[0], 1));
    check(dup >= 200 && dup < 300, `duplicate Like -> ${dup} (not stored again)`);
    const broken = await post(actors[1], "/inbox", like(actors[1], 2), { breakSignature: true });
    check(broken === 401, `Like with a broken signature -> ${broken}`);
    // With --inbox-queue in-process the listeners run after the 202: poll.
    let stats;
    for (let i = 0; i < 50; i++) {
      stats = await fetch(`http://127.0.0.1:${ready.port}/stats`).then((r) => r.json());
      if (stats.stored >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    check(stats.stored === 3 && stats.rejected === 1, `/stats ${JSON.stringify(stats)}`);
    peer.child.stdin.end();
    check((await peer.exited) === 0, "inbox exits 0 when stdin closes");
  } finally {
    peer.child.kill();
    actorServer.close();
  }
}

const n = Number(args["fanout-inboxes"]);
for (const q of args.queues.split(",").filter(Boolean)) await fanout(q, n);
if (!args["skip-inbox"]) await inbox();
console.log(failures === 0 ? "selftest: all passed" : `selftest: ${failures} FAILED`);
process.exit(failures === 0 ? 0 : 1);
