package io.billow.api.rpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of an RPC error, shaped as Alibaba's gateway sends it. The Java SDK 4.x reads
 * {@code Code}, {@code Message} and {@code RequestId} (also their lower-case spellings);
 * {@code HostId} and {@code Recommend} are for people.
 */
@JsonPropertyOrder({"RequestId", "HostId", "Code", "Message", "Recommend"})
public record RpcErrorBody(
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("HostId") String hostId,
        @JsonProperty("Code") String code,
        @JsonProperty("Message") String message,
        @JsonProperty("Recommend") String recommend) {

    public static RpcErrorBody of(RpcError error, String requestId, String hostId) {
        return new RpcErrorBody(requestId, hostId, error.code(), error.message(), error.recommend());
    }
}
