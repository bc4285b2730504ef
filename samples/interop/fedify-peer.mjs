#!/usr/bin/env node
// fedify-peer: an ActivityPub peer built on Fedify (@fedify/fedify), which
// Herald's integration tests start as a subprocess to prove interop with an
// independent implementation.  Loopback (127.0.0.1) only; local tests only.
//
// Every one-shot subcommand prints exactly one JSON object on stdout and
// exits 0, or prints {"error": "..."} and exits non-zero.  `serve` prints
// one JSON object per line (events) until stopped.  Diagnostics go to stderr.
//
// See docs/interop.md for the full contract.

import { parseArgs } from "node:util";
import { Collection, CollectionPage, OrderedCollectionPage, isActor } from "@fedify/fedify/vocab";
import { configureLogging, createLoopbackFederation, diag, emit, warnLocalOnly } from "./lib/common.mjs";
import { assertLoopbackUrl } from "./lib/loopback.mjs";
import { describe, describeCollection, typeName } from "./lib/describe.mjs";

const USAGE = `usage:
  node fedify-peer.mjs lookup-webfinger <acct:user@host:port | @user@host:port | http://...>
  node fedify-peer.mjs lookup-object <url | @user@host:port | acct:user@host:port>
  node fedify-peer.mjs traverse <collection-url> [--resolve] [--max-pages N]
  node fedify-peer.mjs serve --port N --handle NAME [--first-knock rfc9421|draft-cavage-http-signatures-12]
                             [--key-bits 2048|3072|4096] [--no-accept-follows] [--no-exit-on-eof]
one-shot options: --timeout-ms N (default 15000; then {"error": "timed out ..."}, exit 1)
options for all: --log-level debug|info|warning|error (Fedify's own logs, on stderr; env FEDIFY_PEER_LOG)`;

class UsageError extends Error {}

/** Checks that a handle, acct: URI or URL names a loopback host. */
function assertLoopbackIdentifier(identifier) {
  if (/^https?:/i.test(identifier)) return assertLoopbackUrl(identifier);
  const m = /^(?:acct:)?@?[^@\s]+@([^@\s/?#]+)$/i.exec(identifier);
  if (m == null) throw new UsageError(`not a URL, acct: URI or @user@host handle: ${identifier}`);
  assertLoopbackUrl(`http://${m[1]}/`);
}

function toWebFingerResource(identifier) {
  if (/^(acct|https?):/i.test(identifier)) return identifier;
  return `acct:${identifier.replace(/^@/, "")}`;
}

function contextFor(federation) {
  return federation.createContext(new URL("http://127.0.0.1/"), undefined);
}

async function lookupWebFinger(args) {
  const [identifier] = args.positionals;
  if (identifier == null) throw new UsageError("lookup-webfinger needs a resource");
  assertLoopbackIdentifier(identifier);
  const resource = toWebFingerResource(identifier);
  const ctx = contextFor(createLoopbackFederation());
  const jrd = await ctx.lookupWebFinger(resource);
  if (jrd == null) throw new Error(`Fedify's WebFinger lookup found nothing for ${resource}`);
  const self = (jrd.links ?? []).find(
    (l) =>
      l.rel === "self" &&
      l.href != null &&
      (l.type === "application/activity+json" ||
        /^application\/ld\+json;\s*profile="https:\/\/www\.w3\.org\/ns\/activitystreams"/.test(l.type ?? "")),
  );
  return { resource, actor: self?.href ?? null, jrd };
}

async function lookupObject(args) {
  const [identifier] = args.positionals;
  if (identifier == null) throw new UsageError("lookup-object needs a URL or handle");
  assertLoopbackIdentifier(identifier);
  const ctx = contextFor(createLoopbackFederation());
  const object = await ctx.lookupObject(identifier);
  if (object == null) throw new Error(`Fedify's lookupObject returned nothing for ${identifier} (see stderr)`);
  const options = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
  return {
    ...(await describe(object, options)),
    compactJson: await object.toJsonLd({ contextLoader: ctx.contextLoader }),
  };
}

async function traverse(args) {
  const [url] = args.positionals;
  if (url == null) throw new UsageError("traverse needs a collection URL");
  assertLoopbackUrl(url);
  const maxPages = Number(args.values["max-pages"] ?? 1000);
  const ctx = contextFor(createLoopbackFederation());
  const options = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
  const collection = await ctx.lookupObject(url);
  if (collection == null) throw new Error(`Fedify's lookupObject returned nothing for ${url} (see stderr)`);
  if (!(collection instanceof Collection)) throw new Error(`${url} is a ${typeName(collection)}, not a collection`);

  // Walk the pages with Fedify's typed accessors (first → next → ...), taking
  // item ids without dereferencing them.
  const pages = [];
  const items = [];
  const seen = new Set();
  let page = await collection.getFirst(options);
  if (page == null) {
    items.push(...collection.itemIds.map((u) => u.href));
  }
  while (page != null) {
    const key = page.id?.href ?? `(embedded page ${pages.length})`;
    if (seen.has(key)) throw new Error(`page loop at ${key}`);
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages`);
    seen.add(key);
    pages.push({ id: page.id?.href ?? null, type: typeName(page), items: page.itemIds.length });
    items.push(...page.itemIds.map((u) => u.href));
    page = page instanceof CollectionPage || page instanceof OrderedCollectionPage ? await page.getNext(options) : null;
  }
  const result = {
    ...describeCollection(collection),
    pageCount: pages.length,
    pages,
    itemCount: items.length,
    items,
  };
  delete result.orderedItems;
  if (args.values.resolve) {
    // Fedify's own traversal, which also dereferences every item.
    const resolved = [];
    for await (const item of ctx.traverseCollection(collection, options)) {
      resolved.push({ id: (item.id ?? item.href)?.href ?? null, type: typeName(item), actor: isActor(item) });
    }
    result.resolved = resolved;
  }
  return result;
}

async function main(argv) {
  const [command, ...rest] = argv;
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        port: { type: "string" },
        handle: { type: "string" },
        "first-knock": { type: "string" },
        "key-bits": { type: "string" },
        "no-accept-follows": { type: "boolean" },
        "no-exit-on-eof": { type: "boolean" },
        resolve: { type: "boolean" },
        "max-pages": { type: "string" },
        "log-level": { type: "string" },
        "timeout-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(e.message);
  }
  if (args.values.help || command == null || command === "help" || command === "--help") {
    process.stderr.write(USAGE + "\n");
    if (command == null) throw new UsageError("missing subcommand");
    emit({ usage: USAGE });
    return;
  }
  await configureLogging(args.values["log-level"]);

  switch (command) {
    case "lookup-webfinger":
    case "lookup-object":
    case "traverse": {
      warnLocalOnly();
      const fn = { "lookup-webfinger": lookupWebFinger, "lookup-object": lookupObject, traverse }[command];
      const timeoutMs = Number(args.values["timeout-ms"] ?? 15000);
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      const result = await Promise.race([fn(args), timeout]).finally(() => clearTimeout(timer));
      emit(result);
      return;
    }
    case "serve": {
      const port = Number(args.values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("serve needs --port N (0 picks a free port)");
      if (!args.values.handle) throw new UsageError("serve needs --handle NAME");
      const firstKnock = args.values["first-knock"];
      if (firstKnock != null && firstKnock !== "rfc9421" && firstKnock !== "draft-cavage-http-signatures-12") {
        throw new UsageError("--first-knock must be rfc9421 or draft-cavage-http-signatures-12");
      }
      const keyBits = Number(args.values["key-bits"] ?? 2048);
      if (keyBits !== 2048 && keyBits !== 3072 && keyBits !== 4096) throw new UsageError("--key-bits must be 2048, 3072 or 4096");
      const { serve } = await import("./lib/serve.mjs");
      await serve({
        port,
        handle: args.values.handle,
        firstKnock,
        keyBits,
        acceptFollows: !args.values["no-accept-follows"],
        exitOnEof: !args.values["no-exit-on-eof"],
      });
      return; // keeps running
    }
    default:
      throw new UsageError(`unknown subcommand: ${command}`);
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof UsageError) process.stderr.write(USAGE + "\n");
  else diag(e?.stack ?? String(e));
  const code = e instanceof UsageError ? 2 : 1;
  // Exit even if a timed-out request is still pending.
  process.stdout.write(JSON.stringify({ error: String(e?.message ?? e) }) + "\n", () => process.exit(code));
});
