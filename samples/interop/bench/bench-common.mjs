// Shared helpers for the Fedify benchmark peers (fedify-fanout.mjs,
// fedify-inbox.mjs).  Local benchmarks only: loopback addresses, plain http.
//
//  - installLoopbackGuard: replaces the global fetch (which Fedify uses for
//    every outgoing request: deliveries, key and document fetches) with a thin
//    wrapper that refuses any non-loopback destination and optionally reports
//    each request's outcome.  Unlike ../lib/loopback.mjs it logs nothing per
//    request and copies no headers, so it costs next to nothing under load.
//  - listenFederation: a node:http server on 127.0.0.1 that hands requests to
//    federation.fetch, building the Request URL from the real Host header (as
//    ../lib/serve.mjs does) so HTTP signatures over `host` and the request
//    target verify.
//  - generateRsa2048: the actor key (Fedify's generateCryptoKeyPair makes
//    4096-bit RSA keys; Mastodon and Herald use 2048).

import http from "node:http";
import { createInterface } from "node:readline";
import { AsyncLocalStorage } from "node:async_hooks";
import { configure } from "@logtape/logtape";
import { isLoopbackHostname } from "../lib/loopback.mjs";

export { emit } from "../lib/common.mjs";

/**
 * Fedify's LogTape records at `level` and above (default "warning", or
 * FEDIFY_PEER_LOG) go to stderr.  contextLocalStorage is set as Fedify's
 * manual recommends; without it LogTape warns once per request / queue task.
 */
export async function configureLogging(level = process.env.FEDIFY_PEER_LOG || "warning") {
  await configure({
    sinks: {
      stderr: (record) => {
        const msg = record.message.map((part) => (typeof part === "string" ? part : String(part?.stack ?? safeJson(part)))).join("");
        process.stderr.write(`[${record.level}] ${record.category.join(".")}: ${msg}\n`);
      },
    },
    contextLocalStorage: new AsyncLocalStorage(),
    loggers: [
      { category: "fedify", sinks: ["stderr"], lowestLevel: level },
      { category: ["logtape", "meta"], sinks: ["stderr"], lowestLevel: "warning" },
    ],
  });
}

function safeJson(v) {
  try {
    return typeof v === "object" && v != null ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}

/** One diagnostic line on stderr. */
export function diag(message) {
  process.stderr.write(`[fedify-bench] ${message}\n`);
}

let guardInstalled = false;

/**
 * Replaces globalThis.fetch with a loopback-only guard.
 * @param {(method: string, url: string, status: number | null, error?: unknown) => void} [onDone]
 *        called when each request's response headers arrive (status) or it fails (null, error).
 * @param {(method: string, url: string) => void} [onStart] called as each request starts.
 */
export function installLoopbackGuard(onDone, onStart) {
  if (guardInstalled) throw new Error("loopback guard already installed");
  guardInstalled = true;
  const realFetch = globalThis.fetch;
  globalThis.fetch = function guardedFetch(input, init) {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let url;
    try {
      url = new URL(href);
    } catch {
      return Promise.reject(new TypeError(`invalid URL: ${href}`));
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !isLoopbackHostname(url.hostname)) {
      return Promise.reject(new TypeError(`refusing a non-loopback address (local benchmarks only): ${href}`));
    }
    if (onDone == null) return realFetch(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    onStart?.(method, href);
    const promise = realFetch(input, init);
    promise.then(
      (response) => onDone(method, href, response.status),
      (error) => onDone(method, href, null, error),
    );
    return promise;
  };
}

/** An RSA-2048 RSASSA-PKCS1-v1_5 / SHA-256 key pair (WebCrypto), as Fedify expects. */
export function generateRsa2048() {
  return crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
}

const MAX_BODY = 1024 * 1024;

/**
 * Starts an HTTP server on 127.0.0.1:`port` (0 = ephemeral) that passes every
 * request to `federation.fetch`, except those `route(req, res)` answers itself
 * (it returns true then).  `onResponse(request, response)` sees each Fedify
 * response (for counting).  Resolves to {server, port}.
 */
export async function listenFederation(federation, { port = 0, route, onResponse } = {}) {
  const server = http.createServer((req, res) => {
    if (route?.(req, res)) return;
    handle(req, res).catch((e) => {
      diag(`HTTP handler failed: ${e?.stack ?? e}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });
  async function handle(req, res) {
    // The URL comes from the Host header the client sent, so that a signature
    // over `host` / `(request-target)` / `@authority` matches what Fedify sees.
    const host = req.headers.host ?? `127.0.0.1:${server.address().port}`;
    const url = new URL(req.url ?? "/", `http://${host}`);
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { "content-type": "text/plain" }).end("body too large");
        return;
      }
      chunks.push(chunk);
    }
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
    const response = await federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } }),
      onNotAcceptable: () => new Response("Not acceptable", { status: 406, headers: { "content-type": "text/plain" } }),
    });
    onResponse?.(request, response);
    const body = Buffer.from(await response.arrayBuffer());
    const outHeaders = {};
    for (const [k, v] of response.headers) outHeaders[k] = v;
    res.writeHead(response.status, outHeaders);
    res.end(body);
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return { server, port: server.address().port };
}

/** Calls onLine(line) for each stdin line and onClose() when stdin closes. */
export function readStdin(onLine, onClose) {
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on("line", onLine);
  rl.on("close", onClose);
}
