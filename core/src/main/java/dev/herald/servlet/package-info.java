/**
 * The Jakarta Servlet 6 adapter: {@link dev.herald.servlet.HeraldFilter}. Optional: it needs
 * {@code jakarta.servlet-api}, which the servlet container provides.
 */
package dev.herald.servlet;
