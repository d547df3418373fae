package io.billow.product.polardb;

import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's example of the PolarDB API called through the generic Tea client, kept compiling
 * and working: a subscription cluster bought, upgraded by a bigger node class, and the UPGRADE
 * order it paid, read back on the native API.
 */
class PolarReadmeExampleTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeExampleRuns() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "50000");
        String accessKeyId = t.accessKeyId();
        String accessKeySecret = t.accessKeySecret();
        String billow = "127.0.0.1:" + SERVER.server().port();

        // README: begin
        Client polar = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                .setEndpoint(billow).setProtocol("HTTP"));      // Billow's host:port, e.g. "127.0.0.1:8080"
        Params create = new Params().setAction("CreateDBCluster").setVersion("2017-08-01").setProtocol("HTTPS")
                .setPathname("/").setMethod("POST").setAuthType("AK").setStyle("RPC")
                .setReqBodyType("formData").setBodyType("json");
        Map<String, ?> created = polar.callApi(create, new OpenApiRequest().setQuery(Map.of(
                "RegionId", "cn-hangzhou", "DBType", "PostgreSQL", "DBVersion", "14",
                "DBNodeClass", "polar.pg.x8.xlarge", "DBNodeNum", "1",      // 7,200 a node-month
                "PayType", "Prepaid", "Period", "Month", "UsedTime", "3")), new RuntimeOptions());
        String clusterId = (String) ((Map<String, Object>) created.get("body")).get("DBClusterId");

        Params upgrade = create.setAction("ModifyDBNodeClass");
        Map<String, ?> upgraded = polar.callApi(upgrade, new OpenApiRequest().setQuery(Map.of(
                "DBClusterId", clusterId, "ModifyType", "Upgrade",
                "DBNodeTargetClass", "polar.pg.x8.2xlarge")), new RuntimeOptions());   // an UPGRADE order, paid now
        String orderId = (String) ((Map<String, Object>) upgraded.get("body")).get("OrderId");
        // README: end

        JsonNode orders = t.api().get("/api/v1/orders?instanceId=" + clusterId).body().get("orders");
        assertThat(orders).extracting(o -> o.get("orderId").asText()).contains(orderId);
        assertThat(orders).extracting(o -> o.get("type").asText()).containsExactly("NEW", "UPGRADE");
        assertThat(orders.get(1).get("cashPaid").asText()).as("(14,400 − 7,200) × the whole 90-day term ÷ 30").isEqualTo("21600.00");
    }

    /** The example above is the README's, line for line. */
    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/billow/product/polardb/PolarReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(), source.indexOf("        // README: end"));
        String unindented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + unindented + "\n```");
    }
}
