package io.billow.api.rpc;

import java.util.Objects;

/** Who sent an authenticated request, and with which signature scheme. */
public record Caller(String accessKeyId, SignatureScheme scheme) {

    public Caller {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scheme, "scheme");
    }
}
