/**
 * Framework-neutral HTTP: {@link dev.herald.core.http.HeraldRequest} in, {@link
 * dev.herald.core.http.HeraldResponse} out, through {@link dev.herald.core.Federation#handle}. An adapter (the
 * servlet filter in {@code dev.herald.servlet}, or a few lines for any other framework) copies the request in
 * and the response out.
 */
package dev.herald.core.http;
