package io.billow.product.rocketmq4;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceCreateRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicCreateRequest;
import com.aliyuncs.profile.DefaultProfile;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example of the ONS SDK (v1) pointed at Billow, kept compiling and working. */
class OnsReadmeExampleTest {

    @Test
    void theReadmeExampleRuns() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        String accessKeyId = t.accessKeyId();
        String accessKeySecret = t.accessKeySecret();
        String billow = "127.0.0.1:" + TestServer.get().port();

        // README: begin
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", accessKeyId, accessKeySecret);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        DefaultAcsClient ons = new DefaultAcsClient(profile);

        OnsInstanceCreateRequest create = new OnsInstanceCreateRequest();
        create.setInstanceName("orders");
        create.setSysEndpoint(billow);                       // Billow's host:port, e.g. "127.0.0.1:8080"
        String instanceId = ons.getAcsResponse(create).getData().getInstanceId();

        OnsTopicCreateRequest topic = new OnsTopicCreateRequest();
        topic.setInstanceId(instanceId);
        topic.setTopic("order-events");
        topic.setMessageType(0);                             // 0 normal, 1/2 ordered, 4 transactional, 5 delayed
        topic.setSysEndpoint(billow);
        ons.getAcsResponse(topic);
        // README: end

        OnsInstanceBaseInfoRequest info = new OnsInstanceBaseInfoRequest();
        info.setInstanceId(instanceId);
        info.setSysEndpoint(billow);
        assertThat(ons.getAcsResponse(info).getInstanceBaseInfo().getInstanceName()).isEqualTo("orders");
        assertThat(OnsV1SdkTest.topicList(OnsClients.v1(t), instanceId, null)).extracting(p -> p.getTopic()).containsExactly("order-events");
    }

    /** The example above is the README's, line for line: the one that compiles and runs is the one users read. */
    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/billow/product/rocketmq4/OnsReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(), source.indexOf("        // README: end"));
        String unindented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + unindented + "\n```");
    }
}
