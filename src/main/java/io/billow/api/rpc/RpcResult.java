package io.billow.api.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The fields of a successful answer. The gateway writes {@code RequestId} first and these
 * after it, so an action never sets {@code RequestId} itself: a replayed answer must get a
 * fresh one, and one spelling on the wire is enough.
 */
public final class RpcResult {

    private final ObjectNode fields;

    private RpcResult(ObjectNode fields) {
        this.fields = fields;
    }

    /** Takes a copy, so that the action may go on changing its node without changing the answer. */
    public static RpcResult of(ObjectNode fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.has("RequestId")) {
            throw new IllegalArgumentException("an action must not set RequestId; the gateway does");
        }
        return new RpcResult(fields.deepCopy());
    }

    /** An answer with nothing but the RequestId, as Alibaba's write actions often have. */
    public static RpcResult empty() {
        return new RpcResult(JsonNodeFactory.instance.objectNode());
    }

    /** A fresh node to build a result in. */
    public static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A copy of the fields. */
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** The answer as sent: {@code RequestId} first, then the fields in their order. */
    ObjectNode withRequestId(String requestId) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("RequestId", requestId);
        answer.setAll(fields);
        return answer;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
