package io.billow.server;

import com.sun.net.httpserver.HttpServer;
import io.billow.account.SecretSealer;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook cannot make Billow post signed events to this machine or its private network: such
 * a URL is refused at registration, and a webhook that points there anyway (registered by an
 * earlier Billow, or a name that now resolves here) is not delivered to.
 */
class WebhookDestinationTest {

    @Test
    void loopbackPrivateLinkLocalAndMulticastUrlsAreRefusedAtRegistration() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        Written before = Written.of(t, null);

        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://10.0.0.5/hook",
                "http://172.20.1.1/hook", "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data/", "http://224.0.0.251/hook",
                "http://0.0.0.0:80/hook", "http://[::ffff:127.0.0.1]/hook", "http://[fd12:3456::1]/hook", "http://[fe80::1]/hook",
                "http://100.64.0.1/hook"}) {
            ApiClient.Response r = t.api().post("/api/v1/webhooks", "{\"url\":\"" + url + "\"}");
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.code()).as(url).isEqualTo("InvalidParameter.WebhookDestination");
        }

        assertThat(t.api().post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:8080/hook\"}").body().get("message").asText())
                .isEqualTo("url is refused: the host 127.0.0.1 resolves to 127.0.0.1, a loopback address; webhooks go to public addresses only"
                        + " (start Billow with --allow-local-webhooks to test locally)");
        assertThat(Written.of(t, null)).isEqualTo(before);
    }

    @Test
    void aWebhookThatPointsHereAnywayIsNotDeliveredTo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
            String id = "wh-smuggled" + System.nanoTime();
            BillowServer server = TestServer.get();
            server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO webhooks (id, account_id, url, secret_sealed, delivered_through, "
                            + "next_attempt_at, created_at) VALUES (:id, :a, :u, :s, 0, :now, :now)")
                    .bind("id", id).bind("a", t.accountId()).bind("u", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                    .bind("s", new SecretSealer(server.keys().masterKey()).seal("whsec_test"))
                    .bind("now", Timestamp.from(java.time.Instant.now().minusSeconds(60))).execute());
            ServerlessFlowTest.createPayg(t.api());

            String error = null;
            long deadline = System.currentTimeMillis() + 15_000;
            while (error == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                error = server.jdbi().withHandle(h -> h.createQuery("SELECT last_error FROM webhooks WHERE id = :id").bind("id", id)
                        .mapTo(String.class).one());
            }

            assertThat(error).isEqualTo("not delivered: the host 127.0.0.1 resolves to 127.0.0.1, a loopback address; webhooks go to"
                    + " public addresses only (start Billow with --allow-local-webhooks to test locally)");
            assertThat(calls.get()).isZero();
            assertThat(t.api().get("/api/v1/webhooks").body().get("webhooks").get(0).get("deliveredThroughEventId").asLong()).isZero();
        } finally {
            receiver.stop(0);
        }
    }
}
