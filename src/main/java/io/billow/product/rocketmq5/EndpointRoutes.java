package io.billow.product.rocketmq5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rest.Caller;
import io.billow.api.rest.ProductRoutes;
import io.billow.change.UsageIngest;
import io.billow.clock.BillowClock;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.ProblemException;
import io.billow.timeline.TimelineEvent;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;

/**
 * The native endpoint routes: {@code GET /api/v1/instances/{id}/endpoints} lists every endpoint
 * (deleted ones with {@code deletedAt}), and {@code DELETE .../endpoints/{endpointId}} deletes one
 * marked To Be Unpublished; its fees stop at that second. The instance's current endpoint, and its
 * last one, cannot be deleted.
 */
final class EndpointRoutes {

    static final String IN_USE = "OperationDenied.EndpointInUse";
    static final String LAST = "OperationDenied.LastEndpoint";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Jdbi jdbi;
    private final BillowClock clock;

    EndpointRoutes(Jdbi jdbi, BillowClock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    void register(ProductRoutes routes) {
        routes.get("/api/v1/instances/{id}/endpoints", this::list)
                .delete("/api/v1/instances/{id}/endpoints/{endpointId}", this::delete);
    }

    private record Listed(Instance instance, List<Endpoint> endpoints) {
    }

    private void list(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Listed listed = jdbi.withHandle(h -> {
            Instance i = InstanceStore.get(h, caller.scope(null), id);
            requireProduct(i);
            return new Listed(i, Endpoints.list(h, id));
        });
        ObjectNode out = JSON.objectNode().put("instanceId", id).put("edition", listed.instance().edition());
        ArrayNode items = out.putArray("endpoints");
        listed.endpoints().forEach(e -> items.add(view(e)));
        ProductRoutes.json(ctx, 200, out);
    }

    private void delete(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        String endpointId = ctx.pathParam("endpointId");
        Instant now = clock.now();
        Endpoint deleted = jdbi.inTransaction(h -> {
            Instance i = InstanceStore.lock(h, caller.scope(null), id);
            if (i.isReleased()) {
                throw InstanceStore.notFound(id);
            }
            requireProduct(i);
            Endpoint e = Endpoints.find(h, id, endpointId).filter(x -> !x.isDeleted())
                    .orElseThrow(() -> new ProblemException(UsageIngest.ENDPOINT_NOT_FOUND, "instance " + id + " has no endpoint " + endpointId));
            long live = Endpoints.list(h, id).stream().filter(x -> !x.isDeleted()).count();
            if (live <= 1) {
                throw new ProblemException(LAST, endpointId + " is the last endpoint of " + id + ": clients could no longer reach it");
            }
            if (e.status() == Endpoint.Status.ACTIVE) {
                throw new ProblemException(IN_USE, endpointId + " is the current endpoint of " + id + "; only an endpoint marked "
                        + "To Be Unpublished can be deleted");
            }
            return remove(h, i, e, now);
        });
        ProductRoutes.json(ctx, 200, view(deleted).put("instanceId", id));
    }

    private static Endpoint remove(Handle h, Instance i, Endpoint e, Instant now) {
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.EndpointDeleted(now, e.endpointId())));
        Endpoints.markDeleted(h, i.id(), e.endpointId(), now);
        EventLog.emit(h, i.accountId(), i.id(), "endpoint.deleted", now, EventLog.payload().put("endpointId", e.endpointId())
                .put("message", "endpoint " + e.endpointId() + " is deleted: its fees stop at " + now));
        return Endpoints.find(h, i.id(), e.endpointId()).orElseThrow();
    }

    private static void requireProduct(Instance i) {
        if (!i.product().equals(RocketMq5Module.PRODUCT)) {
            throw new ProblemException("OperationDenied", "instance " + i.id() + " is not a " + RocketMq5Module.PRODUCT
                    + " instance; only those list VPC endpoints here");
        }
    }

    static ObjectNode view(Endpoint e) {
        ObjectNode n = JSON.objectNode().put("endpointId", e.endpointId()).put("endpointType", e.type()).put("endpointUrl", e.url())
                .put("status", e.status().wire()).put("billingModel", e.billsOwner() ? "consumer" : "provider")
                .put("createdAt", e.createdAt().toString());
        n.put("markedAt", e.markedAt().map(Instant::toString).orElse(null));
        n.put("deletedAt", e.deletedAt().map(Instant::toString).orElse(null));
        return n;
    }
}
