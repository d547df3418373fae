package io.billow.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What product packages add to the native API: their own routes (RDS's serverless switch),
 * behind the same authentication and error shape as every other route, and estimates of changes
 * they describe by fields rather than by an action name. Filled once at start.
 */
public final class ProductRoutes {

    /** A route's work, with who is calling. */
    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    /** An estimate of a change to one of the product's instances, from the request body; nothing is written. */
    @FunctionalInterface
    public interface Estimator {
        ObjectNode estimate(Caller caller, String instanceId, JsonNode body);
    }

    record Route(String method, String path, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Estimator> estimators = new ConcurrentHashMap<>();

    public ProductRoutes post(String path, Handler handler) {
        routes.add(new Route("POST", path, handler));
        return this;
    }

    public ProductRoutes get(String path, Handler handler) {
        routes.add(new Route("GET", path, handler));
        return this;
    }

    public ProductRoutes delete(String path, Handler handler) {
        routes.add(new Route("DELETE", path, handler));
        return this;
    }

    /** The estimator for a product's changes described by fields (no "action"). */
    public ProductRoutes estimates(String product, Estimator estimator) {
        if (estimators.putIfAbsent(product, estimator) != null) {
            throw new IllegalStateException("estimates of " + product + " are registered twice");
        }
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    Optional<Estimator> estimator(String product) {
        return Optional.ofNullable(estimators.get(product));
    }

    /** The body as JSON, with the native API's limits and error shape: for product handlers. */
    public static <T> T read(Context ctx, Class<T> type) {
        return Json.read(ctx.body(), type);
    }

    public static void json(Context ctx, int status, JsonNode body) {
        RestApi.json(ctx, status, body);
    }

    /** The native view of an instance, for product handlers to extend. */
    public static ObjectNode view(io.billow.instance.Instance i) {
        return InstanceRoutes.view(i);
    }
}
