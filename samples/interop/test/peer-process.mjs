// Test helpers: run fedify-peer.mjs as a subprocess, the way Herald's Java
// integration tests do (see docs/interop.md).

import { spawn, execFile } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const PEER = fileURLToPath(new URL("../fedify-peer.mjs", import.meta.url));

/** Runs a one-shot subcommand; resolves to {code, json, stderr}. */
export function runPeer(args, { timeoutMs = 15000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PEER, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error && error.code == null) return reject(error); // killed or could not start
      let json;
      try {
        json = JSON.parse(stdout);
      } catch {
        return reject(new Error(`stdout is not one JSON object: ${stdout}\n--- stderr:\n${stderr}`));
      }
      resolve({ code: error ? error.code : 0, json, stderr });
    });
  });
}

/**
 * Starts `serve` on a free loopback port.  Resolves once the "ready" event
 * arrived, to an object with `ready`, `events` (all events so far),
 * `waitFor(predicate, ms)`, `command(object, ms)` (sends a command and waits
 * for the "sent" event carrying the same `ref`), and `stop()`.
 */
export async function startPeer(handle, extraArgs = [], { readyTimeoutMs = 15000 } = {}) {
  const child = spawn(process.execPath, [PEER, "serve", "--port", "0", "--handle", handle, ...extraArgs], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const events = [];
  const waiters = new Set();
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => {
    stderr += d;
    if (process.env.PEER_STDERR) process.stderr.write(`[${handle}] ${d}`);
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      event = { event: "garbage", line };
    }
    events.push(event);
    for (const w of waiters) w.check(event);
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
    for (const w of waiters) w.fail(new Error(`peer ${handle} exited\n--- stderr:\n${stderr}`));
  });

  function waitFor(predicate, ms = 10000, what = "event") {
    const found = events.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = {
        check: (e) => {
          if (predicate(e)) {
            cleanup();
            resolve(e);
          }
        },
        fail: (err) => {
          cleanup();
          reject(err);
        },
      };
      const timer = setTimeout(
        () => w.fail(new Error(`timed out after ${ms} ms waiting for ${what} from ${handle}; events:\n` +
          events.map((e) => JSON.stringify(e).slice(0, 300)).join("\n") + `\n--- stderr:\n${stderr}`)),
        ms,
      );
      function cleanup() {
        clearTimeout(timer);
        waiters.delete(w);
      }
      waiters.add(w);
      if (exited) w.fail(new Error(`peer ${handle} exited\n--- stderr:\n${stderr}`));
    });
  }

  let refs = 0;
  async function command(cmd, ms = 10000) {
    const ref = `${handle}-${++refs}`;
    child.stdin.write(JSON.stringify({ ...cmd, ref }) + "\n");
    return waitFor((e) => e.ref === ref, ms, `the answer to ${JSON.stringify(cmd)}`);
  }

  async function stop() {
    if (exited) return;
    const done = new Promise((r) => child.once("exit", r));
    child.stdin.end(); // the peer stops when its stdin closes
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await done;
    clearTimeout(timer);
  }

  const ready = await waitFor((e) => e.event === "ready", readyTimeoutMs, "ready");
  return { ready, events, waitFor, command, stop, child, get stderr() { return stderr; } };
}
