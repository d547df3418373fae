package io.billow.api.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an RPC error's Recommend link answers: the code explained, and the request it refused as
 * the gateway saw it (action, version, status, message and the names of the query parameters,
 * never their values). The last {@link #MAX_KEPT} refusals of this node are kept in memory; a
 * link whose request is no longer kept still explains its code.
 */
public final class Diagnoses implements Handler {

    /** A limit on everything: at most this many refused requests are remembered. */
    public static final int MAX_KEPT = 10_000;
    public static final String PATH = "/api/v1/diagnosis";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Codes explained by their own words; others by the family their name says they belong to. */
    private static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("MissingParameter", "A parameter the action requires was not sent. The message names it."),
            Map.entry("InvalidParameter", "A parameter was sent with a value the action does not accept. The message names it and says"
                    + " what it accepts."),
            Map.entry("SignatureDoesNotMatch", "The signature is not the one Billow computes with the AccessKeySecret of the AccessKeyId."
                    + " Check the secret, and that the client signs what it sends."),
            Map.entry("InvalidAccessKeyId.NotFound", "The AccessKeyId is not an active key of this Billow server."),
            Map.entry("InvalidAction.NotFound", "No action of that name exists in that API version on this Billow server."),
            Map.entry("InternalError", "Billow failed unexpectedly; nothing was changed. The server log has the cause under this request id."),
            Map.entry("ServiceLinkedRole.NotExist", "The account lacks a service-linked role the change needs. The message names each"
                    + " missing role and the ServiceName that CreateServiceLinkedRole takes to create it."),
            Map.entry("IncorrectDBInstanceState", "The instance is not in the state the action needs, or another operation is in progress."));

    private final Map<String, ObjectNode> kept = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > MAX_KEPT;
        }
    };

    /** Keeps what a refused request was, under its request id. */
    void record(String requestId, RpcError error, Context ctx, Instant at) {
        try {
            keep(requestId, error, ctx, at);
        } catch (RuntimeException unreadable) {
            // A request the web layer cannot even read keeps nothing; its link still explains the code.
        }
    }

    private void keep(String requestId, RpcError error, Context ctx, Instant at) {
        ObjectNode n = JSON.createObjectNode().put("at", at.toString()).put("httpStatus", error.httpStatus())
                .put("code", error.code()).put("message", error.message());
        firstOf(ctx.queryParam("Action"), ctx.header("x-acs-action")).ifPresent(a -> n.put("action", a));
        firstOf(ctx.queryParam("Version"), ctx.header("x-acs-version")).ifPresent(v -> n.put("version", v));
        n.set("queryParameters", JSON.valueToTree(parameterNames(ctx)));
        synchronized (kept) {
            kept.put(requestId, n);
        }
    }

    /** The link an error's Recommend carries: this server's diagnosis of the code and the request. */
    static String link(Context ctx, String code, String requestId) {
        String host = Optional.ofNullable(ctx.header("Host")).filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")).orElse("127.0.0.1");
        return "http://" + host + PATH + "?Code=" + PercentEncoding.encode(code) + "&RequestId=" + PercentEncoding.encode(requestId);
    }

    /** GET /api/v1/diagnosis?Code=…&RequestId=…: where every RPC error's Recommend link leads (no key needed). */
    @Override
    public void handle(Context ctx) {
        String code = ctx.queryParam("Code");
        if (code == null || code.isEmpty() || code.length() > 128) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "Code is required: the error code to explain");
        }
        ctx.status(200).contentType("application/json").result(answer(code, ctx.queryParam("RequestId")).toString());
    }

    /** The diagnosis of a code and, when this node still keeps it, of the request. */
    public ObjectNode answer(String code, String requestId) {
        ObjectNode out = JSON.createObjectNode().put("code", code).put("explanation", explain(code));
        ObjectNode request;
        synchronized (kept) {
            request = requestId == null ? null : kept.get(requestId);
        }
        if (requestId != null) {
            out.put("requestId", requestId);
        }
        if (request != null && request.get("code").asText().equals(code)) {
            out.set("request", request.deepCopy());
        } else {
            out.put("request", (String) null).put("note", "This Billow server keeps no refused request with that RequestId and Code "
                    + "(it keeps the last " + MAX_KEPT + ", in memory): the code is explained alone.");
        }
        return out;
    }

    static String explain(String code) {
        String own = EXPLAINED.get(code);
        if (own != null) {
            return own;
        }
        for (String[] family : List.of(
                new String[] {".NotFound", "What the request names does not exist, or is not the caller's (another account's resource looks"
                        + " exactly like a missing one)."},
                new String[] {"Throttling", "Too many requests: wait and retry."},
                new String[] {"OperationDenied", "The action is not allowed for this resource now; the message says what stands in the way."},
                new String[] {"Invalid", "A value of the request is not one the catalog or the action accepts; the message says which and"
                        + " what is accepted."},
                new String[] {"Incorrect", "The resource is not in a state or shape the action accepts; the message says which."},
                new String[] {"NotSupport", "The resource has a feature or setting that rules the action out; the message says which."})) {
            if (code.contains(family[0])) {
                return family[1] + " Nothing was changed and nothing was charged.";
            }
        }
        return "The request was refused with this code; the message says why. Nothing was changed and nothing was charged.";
    }

    private static TreeSet<String> parameterNames(Context ctx) {
        try {
            TreeSet<String> names = new TreeSet<>(ctx.queryParamMap().keySet());
            names.remove("Signature");
            return names;
        } catch (RuntimeException unreadable) {
            return new TreeSet<>();
        }
    }

    private static Optional<String> firstOf(String a, String b) {
        return Optional.ofNullable(a != null && !a.isEmpty() ? a : b).filter(v -> !v.isEmpty() && v.length() <= 128);
    }
}
