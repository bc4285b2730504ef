// `serve`: a long-running Fedify federation server on 127.0.0.1 with one
// actor, driven by JSON-line commands on stdin and reporting JSON-line events
// on stdout.

import http from "node:http";
import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import { Temporal } from "@js-temporal/polyfill";
import {
  Accept,
  Activity,
  Announce,
  Create,
  Endpoints,
  Follow,
  Like,
  Mention,
  Note,
  PUBLIC_COLLECTION,
  Person,
  Reject,
  Undo,
  isActor,
} from "@fedify/fedify/vocab";
import { exportSpki } from "@fedify/fedify/runtime";
import { createLoopbackFederation, diag, emit, FEDIFY_VERSION, warnLocalOnly } from "./common.mjs";
import { withRequestJournal } from "./loopback.mjs";
import { describe, typeName } from "./describe.mjs";

const MAX_BODY = 1024 * 1024;
const OUTBOX_PAGE = 2;
const COMMAND_TIMEOUT_MS = 15000;

/** Object classes this peer creates, and where it serves them. */
const SERVED = [
  [Follow, "/follows/{id}"],
  [Undo, "/undos/{id}"],
  [Like, "/likes/{id}"],
  [Announce, "/announces/{id}"],
  [Create, "/creates/{id}"],
  [Accept, "/accepts/{id}"],
  [Reject, "/rejects/{id}"],
  [Note, "/notes/{id}"],
];

/**
 * @param {{port: number, handle: string, firstKnock?: string, keyBits?: number,
 *          acceptFollows?: boolean, exitOnEof?: boolean}} options
 */
export async function serve(options) {
  const { handle } = options;
  if (!/^[A-Za-z0-9_.-]+$/.test(handle)) throw new Error(`invalid --handle: ${handle}`);
  warnLocalOnly();

  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const port = server.address().port;
  const origin = `http://127.0.0.1:${port}`;

  // RSA-2048 like Mastodon (Fedify's generateCryptoKeyPair makes 4096-bit
  // keys, which take seconds to generate on a small machine).
  const keyPair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: options.keyBits ?? 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const started = Temporal.Now.instant();
  /** @type {Map<string, import("@fedify/fedify/vocab").Object>} ids → objects this peer made */
  const stored = new Map();
  /** follower actor id → Recipient-like {id, inboxId, endpoints} */
  const followers = new Map();
  /** actor ids whose Accept for our Follow arrived */
  const following = new Set();
  /** target actor id → the last Follow sent to it */
  const followsSent = new Map();
  /** object id → the last Like / Announce sent for it */
  const likesSent = new Map();
  const announcesSent = new Map();
  const outbox = [];

  const federation = createLoopbackFederation({
    origin,
    ...(options.firstKnock ? { firstKnock: options.firstKnock } : {}),
  });

  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (identifier !== handle) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: `Fedify peer ${identifier}`,
        summary: `An interop test peer built on Fedify ${FEDIFY_VERSION}.`,
        url: ctx.getActorUri(identifier),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        following: ctx.getFollowingUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: keys[0].cryptographicKey,
        assertionMethods: keys.map((k) => k.multikey),
        manuallyApprovesFollowers: !options.acceptFollows,
        discoverable: true,
        published: started,
      });
    })
    .setKeyPairsDispatcher((_ctx, identifier) => (identifier === handle ? [keyPair] : []));

  federation.setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) =>
    identifier === handle ? { items: [...followers.values()] } : null,
  ).setCounter((_ctx, identifier) => (identifier === handle ? followers.size : null));

  federation.setFollowingDispatcher("/users/{identifier}/following", (_ctx, identifier) =>
    identifier === handle ? { items: [...following].map((u) => new URL(u)) } : null,
  ).setCounter((_ctx, identifier) => (identifier === handle ? following.size : null));

  // The outbox is paged (OUTBOX_PAGE items a page, newest first) so that
  // `traverse` has real pages to follow.
  federation
    .setOutboxDispatcher("/users/{identifier}/outbox", (_ctx, identifier, cursor) => {
      if (identifier !== handle) return null;
      const newestFirst = [...outbox].reverse();
      if (cursor == null) return { items: newestFirst };
      const start = Number(cursor);
      if (!Number.isInteger(start) || start < 0) return null;
      const next = start + OUTBOX_PAGE;
      return {
        items: newestFirst.slice(start, next),
        nextCursor: next < newestFirst.length ? String(next) : null,
      };
    })
    .setCounter((_ctx, identifier) => (identifier === handle ? outbox.length : null))
    .setFirstCursor((_ctx, identifier) => (identifier === handle ? "0" : null));

  for (const [cls, path] of SERVED) {
    federation.setObjectDispatcher(cls, path, (ctx, values) => {
      const object = stored.get(ctx.getObjectUri(cls, values).href);
      return object instanceof cls ? object : null;
    });
  }

  /** Follow id → {follow, follower} awaiting an `accept` or `reject` command. */
  const pendingFollows = new Map();
  const addFollower = (actor) =>
    followers.set(actor.id.href, { id: actor.id, inboxId: actor.inboxId, endpoints: actor.endpoints });
  async function answerFollow(ctx, cls, follow, follower) {
    const answer = keep(new cls({ id: newId(ctx, cls), actor: me(ctx), object: follow, to: follower.id }));
    return await deliver(ctx, follower, answer);
  }

  const newId = (ctx, cls) => ctx.getObjectUri(cls, { id: randomUUID() });
  const me = (ctx) => ctx.getActorUri(handle);
  const keep = (object) => {
    stored.set(object.id.href, object);
    return object;
  };

  // ---- inbox ---------------------------------------------------------------
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Activity, async (ctx, activity) => {
      let raw = null;
      try {
        raw = JSON.parse(ctx.data?.rawBody?.toString("utf8") ?? "null");
      } catch {
        raw = null;
      }
      emit({
        event: "inbox",
        type: typeName(activity),
        id: activity.id?.href ?? null,
        actor: activity.actorId?.href ?? null,
        object: activity.objectId?.href ?? null,
        recipient: ctx.recipient,
        raw,
      });
      if (activity instanceof Follow && activity.objectId?.href === me(ctx).href) {
        const follower = await activity.getActor(ctx);
        if (follower == null || follower.inboxId == null) {
          diag(`Follow ${activity.id?.href}: could not load the follower's actor document`);
          return;
        }
        if (options.acceptFollows) {
          addFollower(follower);
          // Answer after the 202 has gone out, as a queued server would.
          setImmediate(() =>
            runCommand("auto-accept", { cmd: "auto-accept", follow: activity.id?.href }, () =>
              answerFollow(ctx, Accept, activity, follower),
            ),
          );
        } else if (activity.id != null) {
          pendingFollows.set(activity.id.href, { follow: activity, follower });
        }
      } else if (activity instanceof Accept) {
        const object = await activity.getObject(ctx).catch(() => null);
        if (object instanceof Follow && activity.actorId != null) following.add(activity.actorId.href);
      } else if (activity instanceof Undo && activity.actorId != null) {
        const object = await activity.getObject(ctx).catch(() => null);
        if (object instanceof Follow) followers.delete(activity.actorId.href);
      }
    })
    .onUnverifiedActivity((ctx, activity, reason) => {
      if (ctx.data != null) {
        ctx.data.unverified = {
          type: reason.type,
          keyId: reason.keyId?.href ?? null,
          keyFetchStatus: reason.result?.status ?? null,
          activityId: activity.id?.href ?? null,
          activityType: typeName(activity),
        };
      }
      // returning nothing keeps Fedify's 401
    })
    .onError((ctx, error) => {
      diag(`inbox error: ${error?.stack ?? error}`);
      if (ctx.data != null) ctx.data.inboxError = String(error?.message ?? error);
    });

  // ---- HTTP ------------------------------------------------------------------
  server.on("request", (req, res) => {
    handleHttp(req, res).catch((e) => {
      diag(`HTTP handler failed: ${e?.stack ?? e}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });

  async function handleHttp(req, res) {
    const host = req.headers.host ?? `127.0.0.1:${port}`;
    const url = new URL(req.url ?? "/", `http://${host}`);
    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { "content-type": "text/plain" }).end("body too large");
        return;
      }
      chunks.push(c);
    }
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, { method: req.method, headers, body: hasBody ? body : undefined });
    const contextData = { rawBody: body };
    const response = await federation.fetch(request, {
      contextData,
      onNotFound: () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } }),
      onNotAcceptable: () =>
        new Response("Not acceptable", { status: 406, headers: { "content-type": "text/plain", vary: "Accept" } }),
    });
    const out = Buffer.from(await response.arrayBuffer());
    diag(`http ${req.method} ${url.pathname}${url.search} [${signatureLabel(headers)}] -> ${response.status}`);
    if (req.method === "POST" && response.status >= 400) {
      let rawText = body.toString("utf8");
      let raw = null;
      try {
        raw = JSON.parse(rawText);
        rawText = undefined;
      } catch {
        /* keep text */
      }
      emit({
        event: "inbox-rejected",
        path: url.pathname,
        status: response.status,
        response: out.toString("utf8").slice(0, 500),
        signature: signatureLabel(headers),
        reason: contextData.unverified ?? null,
        error: contextData.inboxError ?? null,
        raw,
        ...(rawText !== undefined ? { rawText: rawText.slice(0, 2000) } : {}),
      });
    }
    const outHeaders = {};
    for (const [k, v] of response.headers) outHeaders[k] = v;
    res.writeHead(response.status, outHeaders);
    res.end(out);
  }

  // ---- commands --------------------------------------------------------------
  const ctxFor = () => federation.createContext(new URL(origin), undefined);
  const signedLoader = (ctx) => ctx.getDocumentLoader({ identifier: handle });

  async function lookup(ctx, target, what) {
    if (typeof target !== "string" || target === "") throw new Error(`missing "${what}"`);
    const documentLoader = await signedLoader(ctx);
    const object = await ctx.lookupObject(target, { documentLoader });
    if (object == null) throw new Error(`Fedify could not look up ${what} ${target}`);
    return object;
  }
  async function lookupActor(ctx, target) {
    const actor = await lookup(ctx, target, "target");
    if (!isActor(actor)) throw new Error(`${target} is a ${typeName(actor)}, not an actor`);
    return actor;
  }
  async function authorOf(ctx, note) {
    if (note.attributionId == null) throw new Error(`${note.id?.href} has no attributedTo`);
    return lookupActor(ctx, note.attributionId.href);
  }

  /** Sends one activity to one actor; returns the fields of the "sent" event. */
  async function deliver(ctx, recipient, activity, sendOptions = {}) {
    const inbox = (sendOptions.preferSharedInbox && recipient.endpoints?.sharedInbox) || recipient.inboxId;
    const result = { activity: { id: activity.id.href, type: typeName(activity) }, to: recipient.id.href, inbox: inbox?.href ?? null };
    try {
      await ctx.sendActivity({ identifier: handle }, recipient, activity, sendOptions);
      return { ok: true, ...result };
    } catch (e) {
      return { ok: false, ...result, error: String(e?.message ?? e).split("\n")[0], status: e?.statusCode ?? null };
    }
  }

  const commands = {
    async follow(ctx, cmd) {
      const target = await lookupActor(ctx, cmd.target);
      const follow = keep(new Follow({ id: newId(ctx, Follow), actor: me(ctx), object: target.id, to: target.id }));
      followsSent.set(target.id.href, follow);
      return deliver(ctx, target, follow, { preferSharedInbox: !!cmd.sharedInbox });
    },
    async "undo-follow"(ctx, cmd) {
      const target = await lookupActor(ctx, cmd.target);
      const follow = followsSent.get(target.id.href);
      if (follow == null) throw new Error(`no Follow was sent to ${target.id.href}`);
      const undo = keep(new Undo({ id: newId(ctx, Undo), actor: me(ctx), object: follow, to: target.id }));
      followsSent.delete(target.id.href);
      following.delete(target.id.href);
      return deliver(ctx, target, undo, { preferSharedInbox: !!cmd.sharedInbox });
    },
    async like(ctx, cmd) {
      const note = await lookup(ctx, cmd.object, "object");
      const author = await authorOf(ctx, note);
      const like = keep(new Like({ id: newId(ctx, Like), actor: me(ctx), object: note.id, to: author.id }));
      likesSent.set(note.id.href, like);
      return deliver(ctx, author, like, { preferSharedInbox: !!cmd.sharedInbox });
    },
    async announce(ctx, cmd) {
      const note = await lookup(ctx, cmd.object, "object");
      const author = await authorOf(ctx, note);
      const announce = keep(new Announce({
        id: newId(ctx, Announce),
        actor: me(ctx),
        object: note.id,
        published: Temporal.Now.instant(),
        to: PUBLIC_COLLECTION,
        ccs: [author.id, ctx.getFollowersUri(handle)],
      }));
      announcesSent.set(note.id.href, announce);
      return deliver(ctx, author, announce, { preferSharedInbox: !!cmd.sharedInbox });
    },
    async unlike(ctx, cmd) {
      return undoOf(ctx, cmd, likesSent, "Like");
    },
    async unannounce(ctx, cmd) {
      return undoOf(ctx, cmd, announcesSent, "Announce");
    },
    async reply(ctx, cmd) {
      const note = await lookup(ctx, cmd.object, "object");
      const author = await authorOf(ctx, note);
      const content = typeof cmd.content === "string" ? cmd.content : "A reply from the Fedify peer.";
      const authorHandle = author.preferredUsername ? `@${author.preferredUsername}@${author.id.host}` : author.id.href;
      const now = Temporal.Now.instant();
      const reply = keep(new Note({
        id: newId(ctx, Note),
        attribution: me(ctx),
        replyTarget: note.id,
        content,
        published: now,
        to: PUBLIC_COLLECTION,
        ccs: [author.id, ctx.getFollowersUri(handle)],
        tags: [new Mention({ href: author.id, name: authorHandle })],
      }));
      const create = keep(new Create({
        id: newId(ctx, Create),
        actor: me(ctx),
        object: reply,
        published: now,
        to: PUBLIC_COLLECTION,
        ccs: [author.id, ctx.getFollowersUri(handle)],
      }));
      outbox.push(create);
      const sent = await deliver(ctx, author, create, { preferSharedInbox: !!cmd.sharedInbox });
      return { ...sent, note: reply.id.href };
    },
    async post(ctx, cmd) {
      // A public Note to this peer's followers, and to `mention` (an actor)
      // if given, who is also tagged.
      const content = typeof cmd.content === "string" ? cmd.content : "A post from the Fedify peer.";
      const mentioned = cmd.mention ? await lookupActor(ctx, cmd.mention) : null;
      const now = Temporal.Now.instant();
      const ccs = [ctx.getFollowersUri(handle), ...(mentioned ? [mentioned.id] : [])];
      const note = keep(new Note({
        id: newId(ctx, Note),
        attribution: me(ctx),
        content,
        published: now,
        to: PUBLIC_COLLECTION,
        ccs,
        tags: mentioned
          ? [new Mention({ href: mentioned.id, name: `@${mentioned.preferredUsername}@${mentioned.id.host}` })]
          : [],
      }));
      const create = keep(new Create({ id: newId(ctx, Create), actor: me(ctx), object: note, published: now, to: PUBLIC_COLLECTION, ccs }));
      outbox.push(create);
      const result = { note: note.id.href, activity: { id: create.id.href, type: "Create" }, deliveries: [] };
      if (followers.size > 0) {
        try {
          await ctx.sendActivity({ identifier: handle }, "followers", create, { preferSharedInbox: true });
          result.deliveries.push({ to: "followers", ok: true });
        } catch (e) {
          result.deliveries.push({ to: "followers", ok: false, error: String(e?.message ?? e).split("\n")[0] });
        }
      }
      if (mentioned) result.deliveries.push(await deliver(ctx, mentioned, create));
      return { ok: result.deliveries.every((d) => d.ok), ...result };
    },
    async lookup(ctx, cmd) {
      const documentLoader = await signedLoader(ctx);
      const object = await lookup(ctx, cmd.object ?? cmd.target, "object");
      return {
        ok: true,
        object: await describe(object, { documentLoader, contextLoader: ctx.contextLoader }),
        compactJson: await object.toJsonLd({ contextLoader: ctx.contextLoader }),
      };
    },
    async accept(ctx, cmd) {
      return answerPending(ctx, cmd, Accept);
    },
    async reject(ctx, cmd) {
      return answerPending(ctx, cmd, Reject);
    },
    async state() {
      return {
        ok: true,
        followers: [...followers.keys()],
        following: [...following],
        followsSent: [...followsSent.keys()],
        pendingFollows: [...pendingFollows.keys()],
      };
    },
    async shutdown() {
      setImmediate(() => stop(0));
      return { ok: true };
    },
  };

  /** With --no-accept-follows: answers a Follow that arrived, by its id. */
  async function answerPending(ctx, cmd, cls) {
    const pending = pendingFollows.get(cmd.follow);
    if (pending == null) throw new Error(`no pending Follow with id ${cmd.follow}`);
    pendingFollows.delete(cmd.follow);
    if (cls === Accept) addFollower(pending.follower);
    return answerFollow(ctx, cls, pending.follow, pending.follower);
  }

  async function undoOf(ctx, cmd, sentMap, kind) {
    const note = await lookup(ctx, cmd.object, "object");
    const original = sentMap.get(note.id.href);
    if (original == null) throw new Error(`no ${kind} was sent for ${note.id.href}`);
    const author = await authorOf(ctx, note);
    const undo = keep(new Undo({ id: newId(ctx, Undo), actor: me(ctx), object: original, to: author.id }));
    sentMap.delete(note.id.href);
    return deliver(ctx, author, undo, { preferSharedInbox: !!cmd.sharedInbox });
  }

  /**
   * Runs one command inside a request journal and emits its "sent" event.
   * A command that takes longer than `cmd.timeoutMs` (default 15 s) is
   * reported as failed; the queue moves on.
   */
  async function runCommand(name, cmd, fn) {
    let event;
    const timeoutMs = Number.isFinite(cmd.timeoutMs) ? cmd.timeoutMs : COMMAND_TIMEOUT_MS;
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const { result, requests } = await Promise.race([withRequestJournal(fn), timeout]).finally(() => clearTimeout(timer));
      event = { event: "sent", cmd: name, ...result, ...signatureSummary(requests, result.inbox), requests };
    } catch (e) {
      event = { event: "sent", cmd: name, ok: false, error: String(e?.message ?? e).split("\n")[0], requests: e?.requests ?? [] };
    }
    if (cmd.ref !== undefined) event.ref = cmd.ref;
    emit(event);
  }

  let queue = Promise.resolve();
  function onLine(line) {
    if (line.trim() === "") return;
    let cmd;
    try {
      cmd = JSON.parse(line);
    } catch {
      emit({ event: "error", error: `not a JSON line: ${line.slice(0, 200)}` });
      return;
    }
    const fn = commands[cmd?.cmd];
    if (fn == null) {
      emit({ event: "error", error: `unknown cmd: ${cmd?.cmd}`, ...(cmd?.ref !== undefined ? { ref: cmd.ref } : {}) });
      return;
    }
    // One command at a time, in order.
    queue = queue.then(() => runCommand(cmd.cmd, cmd, () => fn(ctxFor(), cmd)));
  }

  let stopping = false;
  function stop(code) {
    if (stopping) return;
    stopping = true;
    diag("stopping");
    server.close();
    server.closeAllConnections?.();
    setTimeout(() => process.exit(code), 50).unref();
  }
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));

  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on("line", onLine);
  rl.on("close", () => {
    if (options.exitOnEof) {
      diag("stdin closed: stopping (use --no-exit-on-eof to keep running)");
      queue.finally(() => stop(0));
    }
  });

  const ctx = ctxFor();
  emit({
    event: "ready",
    actor: ctx.getActorUri(handle).href,
    inbox: ctx.getInboxUri(handle).href,
    sharedInbox: ctx.getInboxUri().href,
    handle: `@${handle}@127.0.0.1:${port}`,
    port,
    keyId: `${ctx.getActorUri(handle).href}#main-key`,
    publicKeyPem: await exportSpki(keyPair.publicKey),
    keyBits: keyPair.publicKey.algorithm.modulusLength,
    firstKnock: options.firstKnock ?? "rfc9421",
    acceptFollows: options.acceptFollows,
    fedify: FEDIFY_VERSION,
    node: process.version,
  });
}

function signatureLabel(headers) {
  if (headers.has("signature-input")) return "rfc9421";
  if (headers.has("signature")) return "draft-cavage-http-signatures-12";
  return "unsigned";
}

/**
 * From the requests a command made: which spec signed the first POST to the
 * inbox, the status of the final POST, and the spec that succeeded.
 */
function signatureSummary(requests, inbox) {
  const posts = requests.filter((r) => r.method === "POST" && (inbox == null || r.url === inbox));
  if (posts.length === 0) return { status: null };
  const last = posts[posts.length - 1];
  return {
    status: last.status ?? null,
    firstSignatureSpec: posts[0].spec,
    signatureSpec: last.spec,
    doubleKnocked: posts.length > 1,
  };
}
