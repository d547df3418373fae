package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.Client;
import com.aliyun.gpdb20160503.models.CreateDBInstanceRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstanceAttributeRequest;
import com.aliyun.gpdb20160503.models.PauseInstanceRequest;
import com.aliyun.teaopenapi.models.Config;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example of the GPDB SDK pointed at Billow, kept compiling and working. */
class GpdbReadmeExampleTest {

    @Test
    void theReadmeExampleRuns() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        String accessKeyId = t.accessKeyId();
        String accessKeySecret = t.accessKeySecret();
        String billow = "127.0.0.1:" + TestServer.get().port();

        // README: begin
        Client gpdb = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                .setEndpoint(billow).setProtocol("HTTP"));      // Billow's host:port, e.g. "127.0.0.1:8080"

        String instanceId = gpdb.createDBInstance(new CreateDBInstanceRequest()
                .setRegionId("cn-hangzhou").setZoneId("cn-hangzhou-h").setEngine("gpdb").setEngineVersion("6.0")
                .setDBInstanceMode("StorageElastic").setDBInstanceCategory("HighAvailability")
                .setInstanceSpec("4C32G").setSegNodeNum("4").setStorageSize(50L).setSegStorageType("cloud_essd")
                .setPayType("Postpaid").setClientToken("warehouse-1")).getBody().getDBInstanceId();

        gpdb.pauseInstance(new PauseInstanceRequest().setDBInstanceId(instanceId));   // compute stops billing once Paused
        // README: end

        assertThat(gpdb.describeDBInstanceAttribute(new DescribeDBInstanceAttributeRequest().setDBInstanceId(instanceId)).getBody()
                .getItems().getDBInstanceAttribute().get(0).getDBInstanceStatus()).isIn("Pausing", "Paused");
    }

    /** The example above is the README's, line for line: the one that compiles and runs is the one users read. */
    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/billow/product/analyticdb/GpdbReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(), source.indexOf("        // README: end"));
        String unindented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + unindented + "\n```");
    }
}
