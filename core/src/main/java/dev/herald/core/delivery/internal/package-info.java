/** The delivery engine's parts. Not part of the API: not exported, may change without notice. */
package dev.herald.core.delivery.internal;
