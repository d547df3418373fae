package io.billow.product.rocketmq5.roa;

import io.billow.instance.Instance;

import java.util.List;

/**
 * The endpoints {@code GetInstance} lists under {@code networkInfo.endpoints}. Today every
 * instance has one, its default VPC endpoint, named after its id as the real service names it
 * ({@code <id>-vpc.<region>.rmq.aliyuncs.com:8080}); this one method is where the instance's
 * endpoint store (new and To Be Unpublished endpoints after an edition upgrade) is read from.
 */
public final class RoaEndpoints {

    /** An endpoint as the API shows it; {@code status} is Billow's extra field, {@code Active} or {@code ToBeUnpublished}. */
    public record Endpoint(String endpointId, String endpointType, String endpointUrl, String status) {
    }

    public List<Endpoint> of(Instance instance) {
        return List.of(new Endpoint(instance.id() + "-vpc", "TCP_VPC",
                instance.id() + "-vpc." + instance.region() + ".rmq.aliyuncs.com:8080", "Active"));
    }
}
