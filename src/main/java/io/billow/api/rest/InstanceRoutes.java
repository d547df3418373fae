package io.billow.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.change.ChangeAction;
import io.billow.change.ChangeRequest;
import io.billow.change.ChangeRequests;
import io.billow.change.InstanceChanges;
import io.billow.eligibility.CreateInstance;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.instance.TimelineCodec;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.util.List;

/** Instances: create, list, read, timeline, attributes, changes, release. */
public final class InstanceRoutes {

    record CreateBody(String accountId, String product, String region, String zoneId, String edition, String instanceClass,
                      String billingMethod, Integer storageGb, String storageType, Integer months, BigDecimal minCapacity,
                      BigDecimal maxCapacity, String engineVersion, Integer nodeCount, java.util.Map<String, String> options) {
    }

    record ChangeBody(String action, String instanceClass, Integer storageGb, Integer months, String postExpirationAction,
                      Boolean enabled, Boolean confirmDeleteResource, Integer nodeCount, String edition) {
        ChangeRequest toRequest() {
            return new ChangeRequest(action, instanceClass, storageGb, months, postExpirationAction, enabled, confirmDeleteResource, nodeCount,
                    edition);
        }
    }

    private final Jdbi jdbi;
    private final InstanceChanges changes;
    private final ChangeRequests requests;

    public InstanceRoutes(Jdbi jdbi, InstanceChanges changes, ChangeRequests requests) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.requests = requests;
    }

    void create(Context ctx, Caller caller) {
        CreateBody b = Json.read(ctx.body(), CreateBody.class);
        String account = caller.requireAccount(b.accountId());
        java.util.Map<String, String> options = b.options() == null ? java.util.Map.of() : b.options();
        // An unknown product is refused below, by the creation check, with the products there are.
        if (!options.isEmpty() && b.product() != null && changes.catalog().product(b.product()).isPresent()) {
            java.util.Set<String> known = changes.rules(b.product()).creationOptions();
            for (var o : options.entrySet()) {
                if (!known.contains(o.getKey()) || o.getValue() == null) {
                    throw new ProblemException(Codes.UNKNOWN_FIELD, "options." + o.getKey() + " is not a creation option of " + b.product()
                            + " (its options: " + (known.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(known))) + ")");
                }
            }
        }
        var created = changes.create(account, new CreateInstance(b.product(), b.region(), b.zoneId(), b.edition(), b.instanceClass(),
                b.billingMethod(), b.storageGb(), b.storageType(), b.months(), b.minCapacity(), b.maxCapacity(), b.engineVersion(),
                options, b.nodeCount()));
        RestApi.json(ctx, 201, view(created.instance()).put("orderId", created.order().id()));
    }

    void list(Context ctx, Caller caller) {
        int limit = Params.integer(ctx, "limit", 100, 1, 1000);
        List<Instance> list = jdbi.withHandle(h -> InstanceStore.list(h, caller.scope(ctx.queryParam("accountId")), limit, ctx.queryParam("after")));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("instances");
        list.forEach(i -> items.add(view(i)));
        RestApi.json(ctx, 200, out);
    }

    void get(Context ctx, Caller caller) {
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, caller.scope(null), ctx.pathParam("id")));
        ObjectNode out = view(i);
        if (i.method() == BillingMethod.SUBSCRIPTION && !i.isReleased()) {
            out.set("subscription", SubscriptionView.of(jdbi, i, changes.rules(i.product()).postExpirationConversions().keySet()));
        }
        RestApi.json(ctx, 200, out);
    }

    void timeline(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Timeline t = jdbi.withHandle(h -> {
            InstanceStore.get(h, caller.scope(null), id);
            return InstanceStore.timeline(h, id);
        });
        ObjectNode out = Json.MAPPER.createObjectNode().put("instanceId", id);
        ArrayNode events = out.putArray("events");
        int seq = 0;
        for (TimelineEvent e : t.events()) {
            ObjectNode n = events.addObject().put("seq", seq++).put("at", e.at().toString()).put("kind", e.kind());
            n.set("data", readTree(TimelineCodec.encode(e)));
        }
        RestApi.json(ctx, 200, out);
    }

    void setAttributes(Context ctx, Caller caller) {
        caller.requireOperator();
        JsonNode patch = Json.read(ctx.body(), JsonNode.class);
        if (!(patch instanceof ObjectNode obj) || obj.size() > 100) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "the body must be a JSON object of at most 100 attributes");
        }
        // Only what a deployment reports; Billow's own bookkeeping in the attributes is not the operator's to set.
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, null, ctx.pathParam("id")));
        List<Problem> refused = changes.rules(i.product()).checkReported(obj);
        if (!refused.isEmpty()) {
            throw new ProblemException(refused);
        }
        RestApi.json(ctx, 200, view(changes.setAttributes(ctx.pathParam("id"), obj)));
    }

    void change(Context ctx, Caller caller) {
        ChangeBody b = Json.read(ctx.body(), ChangeBody.class);
        String id = ctx.pathParam("id");
        String scope = caller.scope(null);
        if (requests.handles(b.action(), scope, id)) {
            ChangeAction.Done done = requests.apply(scope, id, b.toRequest());
            ObjectNode out = view(done.instance()).put("explanation", done.explanation());
            done.order().ifPresent(o -> out.set("order", MoneyRoutes.orderView(o)));
            RestApi.json(ctx, 200, out);
            return;
        }
        Instance result = switch (defaulted(b.action(), "")) {
            case "pause" -> changes.pause(scope, id);
            case "resume" -> changes.resume(scope, id);
            case "modifySpec" -> changes.modifySpec(scope, id, b.instanceClass(), b.storageGb(), b.nodeCount());
            default -> throw new ProblemException(Codes.INVALID_PARAMETER, "action must be pause, resume, modifySpec or one of "
                    + requests.names(scope, id) + ", got " + b.action());
        };
        RestApi.json(ctx, 202, view(result));
    }

    void release(Context ctx, Caller caller) {
        RestApi.json(ctx, 200, view(changes.release(caller.scope(null), ctx.pathParam("id"))));
    }

    static ObjectNode view(Instance i) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("instanceId", i.id()).put("accountId", i.accountId()).put("product", i.product())
                .put("region", i.region()).put("zoneId", i.zoneId()).put("edition", i.edition()).put("instanceClass", i.instanceClass())
                .put("billingMethod", i.method().catalogName()).put("status", i.status()).put("storageGb", i.storageGb())
                .put("storageType", i.storageType()).put("createdAt", i.createdAt().toString())
                .put("releasedAt", i.releasedAt() == null ? null : i.releasedAt().toString());
        n.set("attributes", i.attributes());
        return n;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String defaulted(String v, String d) {
        return v == null || v.isEmpty() ? d : v;
    }
}
