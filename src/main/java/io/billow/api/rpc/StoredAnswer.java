package io.billow.api.rpc;

import java.util.Objects;

/** The answer kept for a client token: the hash of the request that earned it, and its JSON fields. */
public record StoredAnswer(String requestHash, String answerJson) {

    public StoredAnswer {
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(answerJson, "answerJson");
    }
}
