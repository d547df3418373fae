package io.billow.api.rpc;

import java.util.Optional;

/** Finds the account an AccessKey belongs to; empty when the key has no account any more. */
@FunctionalInterface
public interface KeyAccounts {

    Optional<String> accountOf(String accessKeyId);
}
