package io.billow.product.rds;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.CreateServiceLinkedRoleRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeRequest;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's example of the RDS SDK pointed at Billow, kept compiling against the SDK version
 * the README names (the one this build tests with) and working: created, roles, switched to
 * serverless, and the switch's order on the native API.
 */
class RdsReadmeExampleTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void theReadmeExampleRuns() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        String accessKeyId = t.accessKeyId();
        String accessKeySecret = t.accessKeySecret();
        String billow = "127.0.0.1:" + SERVER.server().port();

        // README: begin
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", accessKeyId, accessKeySecret);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        DefaultAcsClient client = new DefaultAcsClient(profile);

        CreateDBInstanceRequest create = new CreateDBInstanceRequest();
        create.setSysEndpoint(billow);                                  // Billow's host:port, e.g. "127.0.0.1:8080"
        create.setEngine("PostgreSQL");
        create.setEngineVersion("16.0");
        create.setDBInstanceClass("pg.n2.medium.2c");                   // High-availability, 2 cores
        create.setDBInstanceStorage(100);                               // GB of PL1 ESSD: 20–64000 in steps of 5
        create.setDBInstanceStorageType("cloud_essd");
        create.setDBInstanceNetType("Intranet");
        create.setSecurityIPList("10.0.0.0/8");
        create.setPayType("Postpaid");
        String instanceId = client.getAcsResponse(create).getDBInstanceId();

        for (String role : new String[] {"AliyunServiceRoleForRdsPgsqlOnEcs", "AliyunServiceRoleForRDSProxyOnEcs"}) {
            CreateServiceLinkedRoleRequest createRole = new CreateServiceLinkedRoleRequest();
            createRole.setSysEndpoint(billow);
            createRole.setServiceLinkedRole(role);                      // the serverless switch needs both
            client.getAcsResponse(createRole);
        }

        ModifyDBInstanceSpecRequest switchToServerless = new ModifyDBInstanceSpecRequest();
        switchToServerless.setSysEndpoint(billow);
        switchToServerless.setDBInstanceId(instanceId);
        switchToServerless.setPayType("Serverless");
        switchToServerless.setDBInstanceClass("pg.n2.serverless.2c");
        ModifyDBInstanceSpecRequest.ServerlessConfiguration rcu = new ModifyDBInstanceSpecRequest.ServerlessConfiguration();
        rcu.setMinCapacity(0.5);
        rcu.setMaxCapacity(8.0);
        rcu.setAutoPause(false);
        rcu.setSwitchForce(false);
        switchToServerless.setServerlessConfiguration(rcu);
        switchToServerless.putQueryParameter("ClientToken", "switch-1");  // the RDS SDK has no setter for it
        long orderId = client.getAcsResponse(switchToServerless).getOrderId();
        // README: end

        JsonNode orders = t.api().get("/api/v1/orders").body().get("orders");
        assertThat(orders).extracting(o -> o.get("orderId").asText()).contains(String.valueOf(orderId));
        DescribeDBInstanceAttributeRequest describe = new DescribeDBInstanceAttributeRequest();
        describe.setSysEndpoint(billow);
        describe.setDBInstanceId(instanceId);
        var attribute = client.getAcsResponse(describe).getItems().get(0);
        assertThat(attribute.getDBInstanceStatus()).isEqualTo("DBInstanceClassChanging");
        assertThat(attribute.getSecurityIPList()).isEqualTo("10.0.0.0/8");
    }

    /** The example above is the README's, line for line: the one that compiles and runs is the one users read. */
    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/billow/product/rds/RdsReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(), source.indexOf("        // README: end"));
        String unindented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + unindented + "\n```");
    }

    /** The README names the Maven coordinates of the SDK the example compiles against: the versions this build tests with. */
    @Test
    void theReadmeNamesTheSdkVersionsThisBuildCompilesTheExampleWith() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String readme = Files.readString(Path.of("README.md"));
        for (String artifact : new String[] {"aliyun-java-sdk-rds", "aliyun-java-sdk-core"}) {
            Matcher m = Pattern.compile("<artifactId>" + artifact + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            assertThat(m.find()).as(artifact + " in pom.xml").isTrue();
            assertThat(readme).contains("<groupId>com.aliyun</groupId><artifactId>" + artifact + "</artifactId><version>" + m.group(1)
                    + "</version>");
        }
    }
}
