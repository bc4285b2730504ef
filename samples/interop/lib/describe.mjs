// Turns a Fedify vocabulary object into plain JSON of the fields Herald's
// tests check.  Every value is read through Fedify's typed accessors (for
// example `await actor.getPublicKey()`, `actor.inboxId`), never from the raw
// document, so a test that passes proves Fedify itself understood it.

import {
  Activity,
  Collection,
  CollectionPage,
  Link,
  Object as ASObject,
  OrderedCollectionPage,
  PropertyValue,
  getTypeId,
  isActor,
} from "@fedify/fedify/vocab";
import { exportSpki } from "@fedify/fedify/runtime";

/** The short type name (`Person`, `Note`, ...) of a vocab object or link. */
export function typeName(object) {
  if (object == null) return null;
  const id = getTypeId(object);
  if (id == null) return null;
  const href = id.href;
  const hash = href.lastIndexOf("#");
  return hash >= 0 ? href.slice(hash + 1) : href.slice(href.lastIndexOf("/") + 1);
}

const str = (v) => (v == null ? null : String(v)); // string | LanguageString
const href = (u) => (u == null ? null : u.href);
const hrefs = (list) => list.map((u) => u.href);
const instant = (t) => (t == null ? null : t.toString());

/** A `url` property value: a URL, or a Link whose href is taken. */
function urlValue(u) {
  if (u == null) return null;
  if (u instanceof URL) return u.href;
  if (u instanceof Link) return href(u.href);
  return null;
}

/** Collects an async iterable, tolerating a failing fetch of one item. */
async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function describeImage(getter) {
  const image = await getter();
  if (image == null) return null;
  return {
    type: typeName(image),
    url: urlValue(image.url),
    mediaType: image.mediaType ?? null,
    name: str(image.name),
  };
}

function describeAttachment(a) {
  if (a instanceof PropertyValue) {
    return { type: "PropertyValue", name: str(a.name), value: str(a.value) };
  }
  if (a instanceof Link) {
    return { type: typeName(a), mediaType: a.mediaType ?? null, url: href(a.href), name: str(a.name) };
  }
  if (a instanceof ASObject) {
    return { type: typeName(a), mediaType: a.mediaType ?? null, url: urlValue(a.url), name: str(a.name) };
  }
  return { type: null };
}

function describeTag(t) {
  if (t instanceof Link) return { type: typeName(t), name: str(t.name), href: href(t.href) };
  if (t instanceof ASObject) return { type: typeName(t), name: str(t.name), href: href(t.id) };
  return { type: null };
}

/**
 * Plain JSON for an actor (Person, Service, Organization, Group, Application).
 * @param options passed to Fedify's getters (documentLoader, contextLoader).
 */
export async function describeActor(actor, options = {}) {
  const key = await actor.getPublicKey(options);
  const attachments = await collect(actor.getAttachments(options));
  return {
    id: href(actor.id),
    type: typeName(actor),
    preferredUsername: str(actor.preferredUsername),
    name: str(actor.name),
    summary: str(actor.summary),
    url: urlValue(actor.url),
    inbox: href(actor.inboxId),
    outbox: href(actor.outboxId),
    followers: href(actor.followersId),
    following: href(actor.followingId),
    featured: href(actor.featuredId),
    endpoints: { sharedInbox: href(actor.endpoints?.sharedInbox) },
    publicKey: key == null ? null : {
      id: href(key.id),
      owner: href(key.ownerId),
      pem: key.publicKey == null ? null : await exportSpki(key.publicKey),
    },
    icon: await describeImage(() => actor.getIcon(options)),
    image: await describeImage(() => actor.getImage(options)),
    manuallyApprovesFollowers: actor.manuallyApprovesFollowers,
    discoverable: actor.discoverable,
    indexable: actor.indexable,
    published: instant(actor.published),
    attachments: attachments.map(describeAttachment),
    alsoKnownAs: hrefs(actor.aliasIds),
    movedTo: href(actor.successorId),
  };
}

/** Plain JSON for a Note, Article, or any other non-actor, non-collection object. */
export async function describeObject(object, options = {}) {
  const tags = await collect(object.getTags(options));
  const attachments = await collect(object.getAttachments(options));
  return {
    id: href(object.id),
    type: typeName(object),
    content: str(object.content),
    summary: str(object.summary),
    name: str(object.name),
    sensitive: object.sensitive,
    url: urlValue(object.url),
    attributedTo: href(object.attributionId),
    to: hrefs(object.toIds),
    cc: hrefs(object.ccIds),
    published: instant(object.published),
    updated: instant(object.updated),
    tags: tags.map(describeTag),
    attachments: attachments.map(describeAttachment),
    inReplyTo: href(object.replyTargetId),
  };
}

/** Plain JSON for a Collection, OrderedCollection, or one of their pages. */
export function describeCollection(collection) {
  const isPage = collection instanceof CollectionPage || collection instanceof OrderedCollectionPage;
  const ordered = typeName(collection).startsWith("Ordered");
  const ids = collection.itemIds.map((u) => u.href);
  return {
    id: href(collection.id),
    type: typeName(collection),
    totalItems: collection.totalItems,
    first: href(collection.firstId),
    last: href(collection.lastId),
    next: isPage ? href(collection.nextId) : null,
    prev: isPage ? href(collection.prevId) : null,
    partOf: isPage ? href(collection.partOfId) : null,
    [ordered ? "orderedItems" : "items"]: ids,
  };
}

/** Chooses the right description for any object Fedify returned. */
export async function describe(object, options = {}) {
  if (isActor(object)) return { kind: "actor", ...(await describeActor(object, options)) };
  if (object instanceof Collection) return { kind: "collection", ...describeCollection(object) };
  if (object instanceof Activity) {
    return {
      kind: "activity",
      ...(await describeObject(object, options)),
      actor: href(object.actorId),
      object: href(object.objectId),
    };
  }
  if (object instanceof ASObject) return { kind: "object", ...(await describeObject(object, options)) };
  return { kind: "link", type: typeName(object), href: href(object.href) };
}
