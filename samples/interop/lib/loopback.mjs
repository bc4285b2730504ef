// Loopback-only networking for the interop peer.
//
// Every HTTP request Fedify makes goes through the global `fetch` (WebFinger,
// the document loader, key fetches, signed deliveries).  This module replaces
// that global with a guard that:
//
//  1. refuses any destination whose host is not a loopback literal
//     (127.0.0.0/8, localhost, [::1]) — the peer must never talk to any other
//     address;
//  2. rewrites `https://<loopback>` to `http://<loopback>` for body-less GET and
//     HEAD requests.  Fedify's WebFinger client always builds
//     `https://HOST/.well-known/webfinger` for an `acct:` resource (there is no
//     option for plain http), while the test servers on this machine speak
//     plain http.  Signed requests with a body are never rewritten: their
//     signature covers the URL;
//  3. records every request (method, URL, status, and which HTTP signature
//     spec signed it) for the command being run, so the peer can report
//     Fedify's double-knocking.
//
// Local tests only.  Nothing here is meant for a real deployment.

import { AsyncLocalStorage } from "node:async_hooks";
import { isIP } from "node:net";

/** Per-command request journal (see `withRequestJournal`). */
const journal = new AsyncLocalStorage();

let installed = false;
let diagnostics = () => {};

/**
 * Whether a URL hostname (as in `new URL(u).hostname`) is a loopback literal.
 * DNS names other than `localhost` are refused even if they would resolve to
 * loopback: the check must not depend on a resolver.
 */
export function isLoopbackHostname(hostname) {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.split(".")[0] === "127";
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1";
  return false;
}

/** Throws unless `url` is an http(s) URL on a loopback host. */
export function assertLoopbackUrl(url) {
  const u = url instanceof URL ? url : new URL(String(url));
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new Error(`not an http(s) URL: ${u.href}`);
  }
  if (!isLoopbackHostname(u.hostname)) {
    throw new Error(`refusing a non-loopback address (local tests only): ${u.href}`);
  }
  return u;
}

/**
 * Which HTTP signature spec signed a request, judged from its headers:
 * `rfc9421` (Signature-Input present), `draft-cavage-http-signatures-12`
 * (a Signature header with keyId), or `null` (unsigned).
 */
export function signatureSpecOf(headers) {
  if (headers.has("signature-input")) return "rfc9421";
  const sig = headers.get("signature");
  if (sig != null && /keyId\s*=/i.test(sig)) return "draft-cavage-http-signatures-12";
  return null;
}

function headersOf(input, init) {
  const h = new Headers(input instanceof Request ? input.headers : undefined);
  if (init?.headers != null) {
    for (const [k, v] of new Headers(init.headers)) h.set(k, v);
  }
  return h;
}

/**
 * Replaces `globalThis.fetch` with the loopback guard.  Idempotent.
 * @param {{log?: (line: string) => void}} options  `log` receives one
 *        human-readable line per request (the peer writes them to stderr).
 */
export function installLoopbackFetch(options = {}) {
  if (options.log) diagnostics = options.log;
  if (installed) return;
  installed = true;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async function loopbackFetch(input, init) {
    const href = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    let url;
    try {
      url = assertLoopbackUrl(href);
    } catch (e) {
      diagnostics(`fetch ${method} ${href} REFUSED: ${e.message}`);
      record({ method, url: href, spec: null, error: e.message });
      throw new TypeError(e.message);
    }
    const headers = headersOf(input, init);
    const spec = signatureSpecOf(headers);
    if (url.protocol === "https:" && (method === "GET" || method === "HEAD")) {
      url.protocol = "http:";
      diagnostics(`fetch ${method} ${href} rewritten to ${url.href} (loopback has no TLS here)`);
      input = new Request(url, {
        method,
        headers,
        redirect: init?.redirect ?? (input instanceof Request ? input.redirect : "follow"),
        signal: init?.signal ?? (input instanceof Request ? input.signal : undefined),
      });
      init = undefined;
    }
    try {
      const response = await realFetch(input, init);
      diagnostics(`fetch ${method} ${url.href} [${spec ?? "unsigned"}] -> ${response.status}`);
      record({ method, url: url.href, spec, status: response.status });
      return response;
    } catch (e) {
      const msg = e?.cause?.message ?? e?.message ?? String(e);
      diagnostics(`fetch ${method} ${url.href} [${spec ?? "unsigned"}] -> error: ${msg}`);
      record({ method, url: url.href, spec, error: msg });
      throw e;
    }
  };
}

function record(entry) {
  journal.getStore()?.push(entry);
}

/**
 * Runs `fn` and returns `{result, requests}` or throws `{error, requests}`-
 * annotated errors: every fetch made (transitively, across awaits) while
 * `fn` runs is listed in `requests`, in order.
 */
export async function withRequestJournal(fn) {
  const requests = [];
  try {
    const result = await journal.run(requests, fn);
    return { result, requests };
  } catch (error) {
    error.requests = requests;
    throw error;
  }
}
