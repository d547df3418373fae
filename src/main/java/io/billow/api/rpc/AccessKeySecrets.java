package io.billow.api.rpc;

import java.util.Optional;

/** Finds the secret of an active AccessKey; empty when the key is unknown or disabled. */
@FunctionalInterface
public interface AccessKeySecrets {

    Optional<String> secretOf(String accessKeyId);
}
