// Shared setup: stdout/stderr discipline, Fedify's logs on stderr, and a
// Federation that may reach loopback over plain http.

import { readFileSync } from "node:fs";
import { configure } from "@logtape/logtape";
import { createFederation, MemoryKvStore } from "@fedify/fedify";
import { installLoopbackFetch } from "./loopback.mjs";

/** The installed Fedify version (its package.json is not in its exports map). */
export const FEDIFY_VERSION = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.resolve("@fedify/fedify")), "utf8"),
).version;

/** Writes one JSON object as one line on stdout (the only thing on stdout). */
export function emit(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

/** One diagnostic line on stderr. */
export function diag(message) {
  process.stderr.write(`[fedify-peer] ${message}\n`);
}

let logConfigured = false;

/**
 * Sends Fedify's LogTape records to stderr (never stdout), at `level`
 * ("debug", "info", "warning", "error"; default from FEDIFY_PEER_LOG or
 * "warning").
 */
export async function configureLogging(level = process.env.FEDIFY_PEER_LOG || "warning") {
  if (logConfigured) return;
  logConfigured = true;
  const sink = (record) => {
    const msg = record.message.map((part) => (typeof part === "string" ? part : safeString(part))).join("");
    process.stderr.write(`[${record.level}] ${record.category.join(".")}: ${msg}\n`);
  };
  await configure({
    sinks: { stderr: sink },
    loggers: [
      { category: "fedify", sinks: ["stderr"], lowestLevel: level },
      { category: ["logtape", "meta"], sinks: ["stderr"], lowestLevel: "warning" },
    ],
  });
}

function safeString(v) {
  if (v instanceof Error) return v.stack ?? String(v);
  if (typeof v === "object" && v != null) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/**
 * A Fedify Federation for local tests: `allowPrivateAddress: true` lets
 * Fedify's document loader, authenticated loader and WebFinger client reach
 * 127.0.0.1 (Fedify's SSRF guard rejects loopback otherwise), and the global
 * fetch is replaced by the loopback guard (see loopback.mjs).  No message
 * queue: activities are delivered synchronously, so the caller sees each
 * delivery's HTTP status.
 */
export function createLoopbackFederation(options = {}) {
  installLoopbackFetch({ log: diag });
  return createFederation({
    kv: new MemoryKvStore(),
    allowPrivateAddress: true,
    ...options,
  });
}

/** Prints the local-tests-only warning once. */
export function warnLocalOnly() {
  diag(
    "WARNING: local tests only. Fedify runs with allowPrivateAddress=true (its SSRF guard is off), " +
      "plain http, and https->http rewriting for loopback; every non-loopback address is refused.",
  );
}
