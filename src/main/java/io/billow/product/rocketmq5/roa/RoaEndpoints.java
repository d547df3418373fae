package io.billow.product.rocketmq5.roa;

import io.billow.instance.Instance;
import io.billow.product.rocketmq5.Endpoints;

import java.util.List;

/**
 * The endpoints {@code GetInstance} lists under {@code networkInfo.endpoints}: the instance's
 * endpoints not yet deleted, from the product's endpoint store, so that after an upgrade to Shared
 * the new endpoint and the old one (To Be Unpublished) are both listed until the user deletes the
 * old one.
 */
final class RoaEndpoints {

    /** An endpoint as the API shows it; {@code status} is Billow's extra field, {@code Active} or {@code ToBeUnpublished}. */
    record Endpoint(String endpointId, String endpointType, String endpointUrl, String status) {
    }

    private final Endpoints endpoints;

    RoaEndpoints(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    List<Endpoint> of(Instance instance) {
        return endpoints.live(instance.id()).stream()
                .map(e -> new Endpoint(e.endpointId(), e.type(), e.url(), e.status().wire())).toList();
    }
}
