package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.GetInstanceResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Standard → Shared upgrade seen by both APIs: GetInstance lists the one endpoint before, the new
 * endpoint and the old (To Be Unpublished in the native API) after, and only the new one once the
 * user deleted the old one; the native endpoint list agrees at every step.
 */
class Mq5UpgradeEndpointsSdkTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void getInstanceListsTheOldAndNewEndpointsUntilTheOldOneIsDeleted() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        Client mq = Mq5Clients.client(SERVER, t);
        String id = mq.createInstance(Mq5Clients.serverless("standard")).getBody().getData();
        List<String> before = sdkEndpoints(mq, id);
        assertThat(before).hasSize(1);
        assertThat(nativeEndpoints(t.api(), id)).containsExactly(before.get(0) + " Active");

        SERVER.clockTo(Instant.parse("2026-04-01T00:30:00Z"));
        ApiClient.Response up = t.api().post("/api/v1/instances/" + id + "/changes",
                "{\"action\":\"upgradeEdition\",\"edition\":\"Shared\",\"instanceClass\":\"shared.s1\"}");
        assertThat(up.status()).as(up.body().toString()).isEqualTo(200);

        GetInstanceResponseBody.GetInstanceResponseBodyData shared = mq.getInstance(id).getBody().getData();
        assertThat(shared.getSeriesCode()).isEqualTo("shared");
        assertThat(shared.getProductInfo().getMsgProcessSpec()).isEqualTo("shared.s1");
        List<String> after = sdkEndpoints(mq, id);
        assertThat(after).hasSize(2).contains(before.get(0));
        String fresh = after.stream().filter(e -> !e.equals(before.get(0))).findFirst().orElseThrow();
        assertThat(nativeEndpoints(t.api(), id)).containsExactlyInAnyOrder(before.get(0) + " ToBeUnpublished", fresh + " Active");
        JsonNode raw = rawEndpoints(t, id);
        assertThat(StreamSupport.stream(raw.spliterator(), false).map(e -> e.get("endpointId").asText() + " " + e.get("status").asText()))
                .as("GetInstance's extra status field").containsExactlyInAnyOrder(before.get(0) + " ToBeUnpublished", fresh + " Active");

        SERVER.clockTo(Instant.parse("2026-04-02T00:30:00Z"));
        assertThat(t.api().delete("/api/v1/instances/" + id + "/endpoints/" + before.get(0)).status()).isEqualTo(200);
        assertThat(sdkEndpoints(mq, id)).containsExactly(fresh);
    }

    private static List<String> sdkEndpoints(Client mq, String id) throws Exception {
        return mq.getInstance(id).getBody().getData().getNetworkInfo().getEndpoints().stream()
                .map(e -> e.getEndpointId() + "").toList();
    }

    private static List<String> nativeEndpoints(ApiClient api, String id) {
        JsonNode list = api.get("/api/v1/instances/" + id + "/endpoints").body().get("endpoints");
        return StreamSupport.stream(list.spliterator(), false).filter(e -> e.path("deletedAt").isMissingNode() || e.path("deletedAt").isNull())
                .map(e -> e.get("endpointId").asText() + " " + e.get("status").asText()).toList();
    }

    /** GetInstance's endpoints as the wire carries them, status included (the SDK's model has no field for it). */
    private static JsonNode rawEndpoints(TestServer.Tenant t, String id) throws Exception {
        com.aliyun.teaopenapi.Client generic = new com.aliyun.teaopenapi.Client(new com.aliyun.teaopenapi.models.Config()
                .setAccessKeyId(t.accessKeyId()).setAccessKeySecret(t.accessKeySecret())
                .setEndpoint("127.0.0.1:" + SERVER.server().port()).setProtocol("HTTP").setRegionId("cn-hangzhou"));
        com.aliyun.teaopenapi.models.Params params = new com.aliyun.teaopenapi.models.Params().setAction("GetInstance")
                .setVersion("2022-08-01").setProtocol("HTTP").setPathname("/instances/" + id).setMethod("GET").setAuthType("AK")
                .setStyle("ROA").setReqBodyType("json").setBodyType("json");
        java.util.Map<String, ?> answer = generic.callApi(params, new com.aliyun.teaopenapi.models.OpenApiRequest(),
                new com.aliyun.teautil.models.RuntimeOptions());
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(answer.get("body")).path("data").path("networkInfo").path("endpoints");
    }
}
