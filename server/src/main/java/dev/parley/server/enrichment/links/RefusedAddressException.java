package dev.parley.server.enrichment.links;

/** A link preview would have connected to an address the SSRF guard refuses. */
final class RefusedAddressException extends RuntimeException {

    RefusedAddressException(String host, String reason) {
        super("Refused " + reason + " address for host " + host, null, false, false);
    }
}
