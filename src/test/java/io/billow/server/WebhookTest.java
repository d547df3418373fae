package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.billow.cli.ApiClient;
import io.billow.webhook.WebhookDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events reach a registered webhook, signed, in order, and again after the receiver failed. The
 * receiver listens on 127.0.0.1, so this server allows local webhooks, as an operator testing
 * locally would start it.
 */
class WebhookTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(TestServer.START, true);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsArriveSignedInOrderAndAFailedDeliveryIsRetried() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The first delivery fails: the same events must come again.
            int status = calls.incrementAndGet() == 1 ? 500 : 200;
            if (status == 200) {
                bodies.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst("X-Billow-Signature"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            TestServer.Tenant t = SERVER.newTenant("USD", "100");
            ApiClient.Response registered = t.api().post("/api/v1/webhooks",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertThat(registered.status()).isEqualTo(201);
            String secret = registered.body().get("secret").asText();
            String id = ServerlessFlowTest.createPayg(t.api());

            long deadline = System.currentTimeMillis() + 15_000;
            while (bodies.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }

            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
            assertThat(bodies).isNotEmpty();
            JsonNode delivered = JSON.readTree(bodies.get(0)).get("events");
            assertThat(delivered).extracting(e -> e.get("type").asText()).contains("instance.created");
            assertThat(delivered.get(0).get("instanceId").asText()).isEqualTo(id);
            assertThat(signatures.get(0)).isEqualTo("sha256=" + WebhookDispatcher.sign(secret, bodies.get(0)));
            List<Long> ids = new ArrayList<>();
            delivered.forEach(e -> ids.add(e.get("eventId").asLong()));
            assertThat(ids).isSorted();
            // The cursor moves once the receiver's answer is back: the body can arrive a moment before.
            long through = 0;
            while (through != ids.get(ids.size() - 1) && System.currentTimeMillis() < deadline + 5_000) {
                through = t.api().get("/api/v1/webhooks").body().get("webhooks").get(0).get("deliveredThroughEventId").asLong();
                Thread.sleep(through == ids.get(ids.size() - 1) ? 0 : 50);
            }
            assertThat(through).isEqualTo(ids.get(ids.size() - 1));
            assertThat(t.api().post("/api/v1/webhooks", "{\"url\":\"ftp://example\"}").code()).isEqualTo("InvalidParameter");
        } finally {
            receiver.stop(0);
        }
    }
}
