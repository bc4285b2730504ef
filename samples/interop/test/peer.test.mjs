// Self-test: two Fedify peers on loopback find each other through WebFinger,
// follow, accept, post, like, reply and undo — proving the harness works on
// its own, before Herald is involved.  Run with `npm test`.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { runPeer, startPeer } from "./peer-process.mjs";

describe("fedify-peer", () => {
  let alice;
  let bob;

  before(async () => {
    [alice, bob] = await Promise.all([
      startPeer("alice"),
      startPeer("bob", ["--first-knock", "draft-cavage-http-signatures-12"]),
    ]);
  });

  after(async () => {
    await Promise.all([alice?.stop(), bob?.stop()]);
  });

  // Read-only look-ups: run side by side.
  describe("one-shot subcommands", { concurrency: true }, () => {
    test("serve announces itself on 127.0.0.1", () => {
      assert.match(alice.ready.actor, /^http:\/\/127\.0\.0\.1:\d+\/users\/alice$/);
      assert.equal(alice.ready.inbox, `${alice.ready.actor}/inbox`);
      assert.equal(alice.ready.handle, `@alice@127.0.0.1:${alice.ready.port}`);
      assert.match(alice.ready.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
      assert.equal(alice.ready.fedify, "2.3.6");
    });

    test("lookup-webfinger resolves a handle to the actor id", async () => {
      const { code, json } = await runPeer(["lookup-webfinger", bob.ready.handle]);
      assert.equal(code, 0);
      assert.equal(json.resource, `acct:bob@127.0.0.1:${bob.ready.port}`);
      assert.equal(json.actor, bob.ready.actor);
      assert.equal(json.jrd.subject, json.resource);
    });

    test("lookup-object parses an actor with Fedify's accessors", async () => {
      const { code, json } = await runPeer(["lookup-object", bob.ready.handle]);
      assert.equal(code, 0);
      assert.equal(json.kind, "actor");
      assert.equal(json.type, "Person");
      assert.equal(json.id, bob.ready.actor);
      assert.equal(json.preferredUsername, "bob");
      assert.equal(json.inbox, bob.ready.inbox);
      assert.equal(json.endpoints.sharedInbox, bob.ready.sharedInbox);
      assert.equal(json.publicKey.id, bob.ready.keyId);
      assert.equal(json.publicKey.owner, bob.ready.actor);
      assert.equal(json.publicKey.pem.trim(), bob.ready.publicKeyPem.trim());
      assert.equal(json.compactJson.id, bob.ready.actor);
    });

    test("one-shot failures print {error} and exit non-zero", async () => {
      const refused = await runPeer(["lookup-object", "http://192.0.2.1/users/x"]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.json.error, /non-loopback/);
      const missing = await runPeer(["lookup-object", `http://127.0.0.1:${bob.ready.port}/nothing`]);
      assert.notEqual(missing.code, 0);
      assert.equal(typeof missing.json.error, "string");
    });
  });

  test("alice follows bob by handle and bob's Accept arrives", async () => {
    const sent = await alice.command({ cmd: "follow", target: bob.ready.handle });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    assert.equal(sent.status, 202);
    assert.equal(sent.inbox, bob.ready.inbox);
    assert.equal(sent.firstSignatureSpec, "rfc9421"); // Fedify's default first knock
    const follow = await bob.waitFor((e) => e.event === "inbox" && e.type === "Follow" && e.id === sent.activity.id);
    assert.equal(follow.actor, alice.ready.actor);
    assert.equal(follow.object, bob.ready.actor);
    assert.equal(follow.raw.type, "Follow");
    const accept = await alice.waitFor((e) => e.event === "inbox" && e.type === "Accept");
    assert.equal(accept.actor, bob.ready.actor);
    assert.equal(accept.object, sent.activity.id);
    // bob was told to knock with draft-cavage first
    const autoAccept = await bob.waitFor((e) => e.event === "sent" && e.cmd === "auto-accept");
    assert.equal(autoAccept.ok, true, JSON.stringify(autoAccept));
    assert.equal(autoAccept.firstSignatureSpec, "draft-cavage-http-signatures-12");
  });

  test("bob posts; alice (a follower) gets it, likes it and replies", async () => {
    const posted = await bob.command({ cmd: "post", content: "<p>Hello from bob</p>" });
    assert.equal(posted.ok, true, JSON.stringify(posted));
    const create = await alice.waitFor((e) => e.event === "inbox" && e.type === "Create" && e.object === posted.note);
    assert.equal(create.actor, bob.ready.actor);

    const note = await runPeer(["lookup-object", posted.note]);
    assert.equal(note.code, 0);
    assert.equal(note.json.type, "Note");
    assert.equal(note.json.content, "<p>Hello from bob</p>");
    assert.equal(note.json.attributedTo, bob.ready.actor);

    const liked = await alice.command({ cmd: "like", object: posted.note });
    assert.equal(liked.ok, true, JSON.stringify(liked));
    await bob.waitFor((e) => e.event === "inbox" && e.type === "Like" && e.object === posted.note);

    const replied = await alice.command({ cmd: "reply", object: posted.note, content: "<p>Hi bob</p>" });
    assert.equal(replied.ok, true, JSON.stringify(replied));
    const reply = await bob.waitFor((e) => e.event === "inbox" && e.type === "Create" && e.object === replied.note);
    assert.equal(reply.raw.object.inReplyTo, posted.note);
    const parsed = await runPeer(["lookup-object", replied.note]);
    assert.equal(parsed.json.inReplyTo, posted.note);
    assert.equal(parsed.json.attributedTo, alice.ready.actor);
    assert.deepEqual(parsed.json.tags, [{ type: "Mention", name: bob.ready.handle, href: bob.ready.actor }]);
  });

  test("traverse follows the pages of a paged outbox", async () => {
    for (const n of [2, 3]) {
      const posted = await bob.command({ cmd: "post", content: `note ${n}` });
      assert.equal(posted.ok, true, JSON.stringify(posted));
    }
    const { code, json } = await runPeer(["traverse", `${bob.ready.actor}/outbox`, "--resolve"]);
    assert.equal(code, 0);
    assert.equal(json.type, "OrderedCollection");
    assert.equal(json.totalItems, 3);
    assert.equal(json.pageCount, 2);
    assert.equal(json.itemCount, 3);
    assert.equal(json.resolved.length, 3);
    assert.ok(json.resolved.every((r) => r.type === "Create"));
  });

  test("an unsigned POST to an inbox is rejected by Fedify's signature check", async () => {
    const res = await fetch(bob.ready.inbox, {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${alice.ready.actor}#forged`,
        type: "Like",
        actor: alice.ready.actor,
        object: bob.ready.actor,
      }),
    });
    assert.equal(res.status, 401);
    const rejected = await bob.waitFor((e) => e.event === "inbox-rejected");
    assert.equal(rejected.status, 401);
    assert.equal(rejected.reason.type, "noSignature");
  });

  test("Fedify double-knocks: a 401 to RFC 9421 makes it retry with draft-cavage", async () => {
    // A stub actor whose inbox only takes draft-cavage signatures.
    const seen = [];
    const stub = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${stub.address().port}`;
      if (req.method === "GET" && req.url === "/actor") {
        res.writeHead(200, { "content-type": "application/activity+json" });
        res.end(JSON.stringify({
          "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
          id: `${base}/actor`,
          type: "Service",
          preferredUsername: "stub",
          inbox: `${base}/inbox`,
        }));
        return;
      }
      if (req.method === "POST" && req.url === "/inbox") {
        req.resume();
        const spec = req.headers["signature-input"] ? "rfc9421" : req.headers.signature ? "cavage" : "none";
        seen.push({ spec, digest: req.headers.digest ?? null, contentDigest: req.headers["content-digest"] ?? null });
        res.writeHead(spec === "cavage" ? 202 : 401).end();
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise((r) => stub.listen(0, "127.0.0.1", r));
    try {
      const target = `http://127.0.0.1:${stub.address().port}/actor`;
      const sent = await alice.command({ cmd: "follow", target });
      assert.equal(sent.ok, true, JSON.stringify(sent));
      assert.equal(sent.status, 202);
      assert.equal(sent.firstSignatureSpec, "rfc9421");
      assert.equal(sent.signatureSpec, "draft-cavage-http-signatures-12");
      assert.equal(sent.doubleKnocked, true);
      assert.deepEqual(seen.map((r) => r.spec), ["rfc9421", "cavage"]);
      assert.match(seen[0].contentDigest, /^sha-256=:/);
      assert.match(seen[1].digest, /^SHA-256=/);
      // Fedify remembers what worked for this origin: the next one goes cavage first.
      const again = await alice.command({ cmd: "undo-follow", target });
      assert.equal(again.firstSignatureSpec, "draft-cavage-http-signatures-12");
      assert.equal(again.doubleKnocked, false);
    } finally {
      stub.close();
    }
  });

  test("with --no-accept-follows a Follow waits for an accept or reject command", async () => {
    const carol = await startPeer("carol", ["--no-accept-follows"]);
    try {
      const sent = await alice.command({ cmd: "follow", target: carol.ready.actor });
      assert.equal(sent.ok, true, JSON.stringify(sent));
      await carol.waitFor((e) => e.event === "inbox" && e.type === "Follow" && e.id === sent.activity.id);
      assert.deepEqual((await carol.command({ cmd: "state" })).pendingFollows, [sent.activity.id]);
      const rejected = await carol.command({ cmd: "reject", follow: sent.activity.id });
      assert.equal(rejected.ok, true, JSON.stringify(rejected));
      const reject = await alice.waitFor((e) => e.event === "inbox" && e.type === "Reject");
      assert.equal(reject.object, sent.activity.id);
      assert.deepEqual((await carol.command({ cmd: "state" })).followers, []);
    } finally {
      await carol.stop();
    }
  });

  test("alice undoes her follow", async () => {
    const sent = await alice.command({ cmd: "undo-follow", target: bob.ready.actor });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    await bob.waitFor((e) => e.event === "inbox" && e.type === "Undo" && e.id === sent.activity.id);
    const state = await bob.command({ cmd: "state" });
    assert.deepEqual(state.followers, []);
  });
});
