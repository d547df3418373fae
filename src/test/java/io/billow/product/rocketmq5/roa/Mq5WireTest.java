package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.CreateTopicRequest;
import com.aliyun.rocketmq20220801.models.ListTopicsRequest;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ROA wire as the Tea client speaks it, on one kept-alive connection: a DELETE with an empty
 * chunked body, then more requests on the same connection; path segments decoded once after the
 * signature checked the path as sent; refusals in the lower-case envelope with a real status.
 */
class Mq5WireTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-10-01T08:00:00Z"));

    @Test
    void aChunkedEmptyDeleteLeavesTheConnectionUsable() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client mq = Mq5Clients.client(SERVER, t);
        String id = mq.createInstance(Mq5Clients.serverless("standard")).getBody().getData();
        mq.createTopic(id, "orders", new CreateTopicRequest().setMessageType("NORMAL"));
        mq.createTopic(id, "payments", new CreateTopicRequest().setMessageType("FIFO"));
        String topics = "/instances/" + id + "/topics/";

        try (RawRoaConnection c = new RawRoaConnection(SERVER.server().port(), t.accessKeyId(), t.accessKeySecret())) {
            // %65 is "e": signed as sent, then decoded once into the topic's name.
            RawRoaConnection.Response got = c.send("GET", topics + "ord%65rs", "GetTopic", false);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.body().path("data").path("topicName").asText()).isEqualTo("orders");

            RawRoaConnection.Response deleted = c.send("DELETE", topics + "orders", "DeleteTopic", true);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.body().path("data").asBoolean()).isTrue();
            assertThat(deleted.body().path("success").asBoolean()).isTrue();
            assertThat(deleted.headers()).doesNotContainEntry("connection", "close");

            RawRoaConnection.Response gone = c.send("GET", topics + "orders", "GetTopic", false);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().path("success").asBoolean(true)).isFalse();
            assertThat(gone.body().path("code").asText()).isEqualTo("Topic.NotFound");
            assertThat(gone.body().path("httpStatusCode").asInt()).isEqualTo(404);
            assertThat(gone.body().path("dynamicCode").asText()).isEqualTo("TopicName");
            assertThat(gone.body().path("requestId").asText()).matches("[0-9A-F-]{36}");

            RawRoaConnection.Response again = c.send("DELETE", topics + "payments", "DeleteTopic", true);
            assertThat(again.status()).isEqualTo(200);

            RawRoaConnection.Response wrongMethod = c.send("PUT", "/instances/" + id, "UpdateInstance", false);
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.body().path("code").asText()).isEqualTo("MethodNotAllowed");
            RawRoaConnection.Response noRoute = c.send("GET", "/instances/" + id + "/brokers", "ListBrokers", false);
            assertThat(noRoute.status()).isEqualTo(404);
            assertThat(noRoute.body().path("code").asText()).isEqualTo("InvalidAction.NotFound");

            RawRoaConnection.Response slash = c.send("GET", topics + "a%2Fb", "GetTopic", false);
            assertThat(slash.status()).isEqualTo(404);
            assertThat(slash.body().path("code").asText()).isEqualTo("Topic.NotFound");
        }
        assertThat(mq.listTopics(id, new ListTopicsRequest().setPageNumber(1).setPageSize(10)).getBody().getData().getTotalCount()).isZero();
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedWithoutAFault() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        String id = Mq5Clients.client(SERVER, t).createInstance(Mq5Clients.serverless("standard")).getBody().getData();
        String topic = "/instances/" + id + "/topics/orders";
        try (RawRoaConnection c = new RawRoaConnection(SERVER.server().port(), t.accessKeyId(), t.accessKeySecret())) {
            for (String body : new String[] {"{\"messageType\":", "[\"NORMAL\"]", "{\"messageType\":\"NORMAL\",\"messageType\":\"FIFO\"}",
                    "{\"messageType\":\"NORMAL\",\"maxSendTps\":1e999999999}", "{\"messageType\":7}"}) {
                RawRoaConnection.Response refused = c.send("POST", topic, "CreateTopic", false, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(refused.status()).as(body).isEqualTo(400);
                assertThat(refused.body().path("success").asBoolean(true)).as(body).isFalse();
                assertThat(refused.body().path("code").asText()).as(body).isIn("MalformedJson", "InvalidParameter", "InvalidMessageType");
            }
            assertThat(c.send("POST", topic, "CreateTopic", false, "{\"messageType\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .body().path("code").asText()).isEqualTo("InvalidMessageType");
            assertThat(c.send("GET", "/instances/" + id + "/topics/%FF", "GetTopic", false).status()).isEqualTo(400);
        }
        assertThat(SERVER.server().resources().count(id, "topics")).isZero();
    }

    @Test
    void anUnsignedRequestLearnsNothingAboutTheApi() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        try (RawRoaConnection c = new RawRoaConnection(SERVER.server().port(), t.accessKeyId(), t.accessKeySecret() + "wrong")) {
            RawRoaConnection.Response refused = c.send("GET", "/instances/rmq-cn-anything/brokers", "ListBrokers", false);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("code").asText()).isEqualTo("SignatureDoesNotMatch");
            assertThat(refused.body().has("data")).isFalse();
        }
    }
}
