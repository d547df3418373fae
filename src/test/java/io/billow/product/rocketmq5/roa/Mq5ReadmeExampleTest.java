package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest.CreateInstanceRequestNetworkInfo;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest.CreateInstanceRequestNetworkInfoInternetInfo;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest.CreateInstanceRequestNetworkInfoVpcInfo;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest.CreateInstanceRequestNetworkInfoVpcInfoVSwitches;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest.CreateInstanceRequestProductInfo;
import com.aliyun.rocketmq20220801.models.CreateTopicRequest;
import com.aliyun.teaopenapi.models.Config;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example of the RocketMQ 5.x SDK pointed at Billow, kept compiling and working. */
class Mq5ReadmeExampleTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-10-01T08:00:00Z"));

    @Test
    void theReadmeExampleRuns() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        String accessKeyId = t.accessKeyId();
        String accessKeySecret = t.accessKeySecret();
        String billow = "127.0.0.1:" + SERVER.server().port();

        // README: begin
        Client mq = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                .setEndpoint(billow).setProtocol("HTTP"));      // Billow's host:port, e.g. "127.0.0.1:8080"

        String instanceId = mq.createInstance(new CreateInstanceRequest()
                .setServiceCode("rmq").setSeriesCode("professional").setSubSeriesCode("serverless")
                .setPaymentType("PayAsYouGo").setCommodityCode("ons_rmqsrvlesspost_public_intl")
                .setProductInfo(new CreateInstanceRequestProductInfo().setMsgProcessSpec("serverless.professional"))
                .setNetworkInfo(new CreateInstanceRequestNetworkInfo()
                        .setVpcInfo(new CreateInstanceRequestNetworkInfoVpcInfo().setVpcId("vpc-1")
                                .setVSwitches(List.of(new CreateInstanceRequestNetworkInfoVpcInfoVSwitches().setVSwitchId("vsw-1"))))
                        .setInternetInfo(new CreateInstanceRequestNetworkInfoInternetInfo()
                                .setInternetSpec("disable").setFlowOutType("uninvolved")))
                .setClientToken("orders-1")).getBody().getData();

        mq.createTopic(instanceId, "order-events", new CreateTopicRequest().setMessageType("NORMAL"));   // billed per topic-second
        String endpoint = mq.getInstance(instanceId).getBody().getData().getNetworkInfo().getEndpoints().get(0).getEndpointUrl();
        // README: end

        assertThat(endpoint).isEqualTo(instanceId + "-vpc.cn-hangzhou.rmq.aliyuncs.com:8080");
        assertThat(mq.getInstance(instanceId).getBody().getData().getTopicCount()).isEqualTo(1L);
    }

    /** The example above is the README's, line for line: the one that compiles and runs is the one users read. */
    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/billow/product/rocketmq5/roa/Mq5ReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(), source.indexOf("        // README: end"));
        String unindented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + unindented + "\n```");
    }
}
