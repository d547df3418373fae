package io.billow.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookDestinationsTest {

    private static final WebhookDestinations PUBLIC = WebhookDestinations.publicOnly().withResolver(WebhookDestinationsTest::table);

    /** Names as a fixed table: no test depends on the machine's DNS. */
    private static InetAddress[] table(String host) throws UnknownHostException {
        return switch (host) {
            case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            case "rebound.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")};
            case "gone.example.com" -> throw new UnknownHostException(host);
            default -> InetAddress.getAllByName(host);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "[::1]", "0.0.0.0", "[::]", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "[fe80::1]", "224.0.0.1", "239.255.255.250", "[ff02::1]", "100.64.0.1", "198.18.0.1",
            "240.0.0.1", "255.255.255.255", "[fd00::1]", "[fc00::1]", "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[64:ff9b::a9fe:a9fe]",
            "[2002:7f00:1::]", "[fec0::1]"})
    void localPrivateLinkLocalMulticastAndReservedAddressesAreRefused(String host) {
        assertThat(PUBLIC.refusal(URI.create("http://" + host + ":8080/hook"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "[2606:4700::1111]", "[::ffff:8.8.8.8]"})
    void publicAddressesAreAccepted(String host) {
        assertThat(PUBLIC.refusal(URI.create("https://" + host + "/hook"))).isEmpty();
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() {
        assertThat(PUBLIC.refusal(URI.create("https://hooks.example.com/x"))).isEmpty();
        assertThat(PUBLIC.refusal(URI.create("https://rebound.example.com/x"))).hasValue("the host rebound.example.com resolves to 10.0.0.7,"
                + " a private address; webhooks go to public addresses only (start Billow with --allow-local-webhooks to test locally)");
        assertThat(PUBLIC.refusal(URI.create("https://gone.example.com/x")))
                .hasValue("the host gone.example.com does not resolve, so its address cannot be checked");
        assertThat(PUBLIC.refusal(URI.create("http://localhost:9/x")).orElseThrow()).contains("a loopback address");
    }

    @Test
    void allowingLocalAcceptsEverything() {
        assertThat(WebhookDestinations.allowingLocal().refusal(URI.create("http://127.0.0.1:1/x"))).isEmpty();
    }
}
