package io.billow.api.rpc;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The actions the RPC API offers, by API version and action name, as Alibaba dispatches them:
 * RDS {@code DescribeDBInstances} is version {@code 2014-08-15}. Names are matched exactly,
 * with their case, as the SDKs send them.
 */
public final class RpcActions {

    /** Alibaba's wording, which the SDKs' users search for. */
    static final String NOT_FOUND_MESSAGE = "Specified api is not found, please check your url and method.";

    private record Key(String version, String action) {
    }

    private final Map<Key, RpcAction> byKey = new ConcurrentHashMap<>();

    /**
     * Adds an action.
     *
     * @throws IllegalStateException when the version already has an action of that name: two
     *                               modules claiming one action is a wiring mistake to see at start
     */
    public RpcActions register(String version, String action, RpcAction handler) {
        Objects.requireNonNull(handler, "handler");
        Key key = new Key(requireName(version, "version"), requireName(action, "action"));
        if (byKey.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException("action " + action + " of version " + version + " is registered twice");
        }
        return this;
    }

    /**
     * The action for a version and name; {@code InvalidVersion} when the action exists only
     * under other versions (the caller's SDK is of another API version), else
     * {@code InvalidAction.NotFound}.
     */
    public Outcome<RpcAction> find(String version, String action) {
        RpcAction handler = byKey.get(new Key(version, action));
        if (handler != null) {
            return Outcome.ok(handler);
        }
        boolean otherVersion = byKey.keySet().stream().anyMatch(key -> key.action().equals(action));
        if (otherVersion) {
            return Outcome.failed(new RpcError("InvalidVersion", 400, "Specified parameter Version is not valid.",
                    "Version " + version + " has no action " + action + "; check the API version your SDK calls."));
        }
        return Outcome.failed(new RpcError("InvalidAction.NotFound", 404, NOT_FOUND_MESSAGE,
                "No action " + action + " in version " + version + " of this Billow server."));
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an action needs a " + what);
        }
        return name;
    }
}
