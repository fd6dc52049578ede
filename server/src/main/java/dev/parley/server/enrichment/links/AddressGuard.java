package dev.parley.server.enrichment.links;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which addresses a link preview may connect to: public unicast only. Refused: loopback, private
 * (RFC 1918), link-local (169.254/16 with the cloud metadata service, fe80::/10), CGNAT (100.64/10), unspecified
 * (0.0.0.0/8, ::), multicast, broadcast and reserved ranges, IPv6 unique-local (fc00::/7), and IPv4-mapped or
 * -compatible IPv6 addresses (which would smuggle an IPv4 address past an IPv6 check). Hosts on the allow-list
 * (exactly as written in the URL) skip the check; it exists for tests and must stay empty in production.
 */
final class AddressGuard {

    private final Set<String> allowedHosts;

    AddressGuard(Iterable<String> allowedHosts) {
        this.allowedHosts = java.util.stream.StreamSupport.stream(allowedHosts.spliterator(), false)
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean allowListed(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Why the IP literal {@code bare} (no brackets) is refused, or null. The JDK turns IPv4-mapped IPv6 literals
     * ({@code ::ffff:a.b.c.d}) into plain IPv4 addresses, so a literal with a colon that parses to IPv4 was one.
     */
    static String literalRefusal(String bare) throws java.net.UnknownHostException {
        InetAddress address = InetAddress.getByName(bare); // a literal: parsed, never looked up
        if (bare.contains(":") && address instanceof Inet4Address) {
            return "ipv4-mapped";
        }
        return refusal(address);
    }

    /** Why {@code address} is refused, or null when it is a public unicast address. */
    static String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "cgnat";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "reserved";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "reserved";
            }
            if (first >= 240) {
                return "reserved";
            }
            return null;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "private"; // deprecated site-local fec0::/10
            }
            boolean firstTenZero = true;
            for (int i = 0; i < 10; i++) {
                firstTenZero &= b[i] == 0;
            }
            if (firstTenZero && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
                return "ipv4-mapped"; // ::ffff:a.b.c.d and ::a.b.c.d
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return "nat64"; // 64:ff9b::/96 reaches IPv4 space through a translator
            }
            return null;
        }
        return "unknown address family";
    }
}
