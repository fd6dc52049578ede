package dev.parley.server.enrichment.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Literals only: InetAddress.getByName parses them without any lookup. */
class AddressGuardTests {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,loopback",
        "127.8.9.10,loopback",
        "10.0.0.1,private",
        "172.16.5.4,private",
        "192.168.1.1,private",
        "169.254.169.254,link-local",
        "100.64.0.1,cgnat",
        "100.127.255.254,cgnat",
        "0.0.0.0,unspecified",
        "224.0.0.251,multicast",
        "255.255.255.255,reserved",
        "::1,loopback",
        "fe80::1,link-local",
        "fd12:3456::1,private",
        "::ffff:8.8.8.8,ipv4-mapped",
        "::ffff:7f00:1,ipv4-mapped",
        "64:ff9b::a00:1,nat64"
    })
    void refusal_givenNonPublicAddress_namesTheReason(String literal, String reason) throws Exception {
        assertThat(AddressGuard.literalRefusal(literal)).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "100.128.0.1", "2606:4700:4700::1111"})
    void refusal_givenPublicAddress_isNull(String literal) throws Exception {
        assertThat(AddressGuard.literalRefusal(literal)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "LOCALHOST"})
    void allowListed_matchesHostsAsWrittenIgnoringCase(String host) {
        assertThat(new AddressGuard(List.of("127.0.0.1", "localhost")).allowListed(host))
                .isTrue();
        assertThat(new AddressGuard(List.of()).allowListed(host)).isFalse();
    }
}
