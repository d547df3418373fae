package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.assertj.core.api.ThrowableAssert;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The official RocketMQ 5.x client ({@code rocketmq20220801} 5.0.3) pointed at a test class's own Billow, as alibaba-apis.md §1.5 sets it up. */
final class Mq5Clients {

    private Mq5Clients() {
    }

    /** A refusal as the SDK reports it: TeaException's code and HTTP status. */
    record Refusal(String code, int status, String message) {
    }

    static Client client(OwnServer server, TestServer.Tenant tenant) throws Exception {
        return client(server, tenant.accessKeyId(), tenant.accessKeySecret());
    }

    static Client client(OwnServer server, String accessKeyId, String accessKeySecret) throws Exception {
        return new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                .setEndpoint("127.0.0.1:" + server.server().port()).setProtocol("HTTP").setRegionId("cn-hangzhou"));
    }

    /** A serverless pay-as-you-go request of a series, in one VPC with one vSwitch, no Internet access. */
    static CreateInstanceRequest serverless(String series) {
        return new CreateInstanceRequest().setServiceCode("rmq").setSeriesCode(series).setSubSeriesCode("serverless")
                .setPaymentType("PayAsYouGo").setCommodityCode("ons_rmqsrvlesspost_public_intl")
                .setNetworkInfo(new CreateInstanceRequest.CreateInstanceRequestNetworkInfo()
                        .setVpcInfo(new CreateInstanceRequest.CreateInstanceRequestNetworkInfoVpcInfo().setVpcId("vpc-bp1orders")
                                .setVSwitches(List.of(new CreateInstanceRequest.CreateInstanceRequestNetworkInfoVpcInfoVSwitches()
                                        .setVSwitchId("vsw-bp1orders"))))
                        .setInternetInfo(new CreateInstanceRequest.CreateInstanceRequestNetworkInfoInternetInfo()
                                .setInternetSpec("disable").setFlowOutType("uninvolved")));
    }

    static Refusal refused(ThrowableAssert.ThrowingCallable call) {
        TeaException e = catchThrowableOfType(TeaException.class, call);
        assertThat(e).as("the call was refused").isNotNull();
        return new Refusal(e.getCode(), e.getStatusCode(), e.getMessage());
    }
}
