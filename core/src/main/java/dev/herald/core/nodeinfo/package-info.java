/** NodeInfo documents: what software the site runs, and how many actors and posts it has. */
package dev.herald.core.nodeinfo;
