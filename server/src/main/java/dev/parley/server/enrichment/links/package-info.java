/**
 * Link previews: URL extraction, the SSRF-safe fetcher (vetting resolver, redirect re-checks, size and type
 * limits, per-host rate limit), HTML parsing with jsoup, and the worker that fetches pending URLs.
 */
@NullMarked
package dev.parley.server.enrichment.links;

import org.jspecify.annotations.NullMarked;
