package io.billow.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.change.ChangeRequest;
import io.billow.change.ChangeRequests;
import io.billow.change.HourlyCost;
import io.billow.change.UsageIngest;
import io.billow.change.UsageSample;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.rating.BillLine;
import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Usage reports, and estimates: a change named by its action is priced by running it and rolling
 * it back; one described by fields (RDS's switch by payType) by the estimator its product registered.
 */
public final class UsageRoutes {

    record UsageBody(String eventId, Instant at, BigDecimal rcu, Integer connections, Map<String, BigDecimal> counts,
                     Map<String, BigDecimal> levels, String endpointId) {
    }

    record ChangeEstimateBody(String instanceId, String action, String instanceClass, Integer storageGb, Integer months,
                              String postExpirationAction, Boolean enabled, Boolean confirmDeleteResource, String edition,
                              Integer nodeCount) {
    }

    private final Jdbi jdbi;
    private final UsageIngest usage;
    private final ChangeRequests changes;
    private final ProductRoutes products;

    public UsageRoutes(Jdbi jdbi, UsageIngest usage, ChangeRequests changes, ProductRoutes products) {
        this.jdbi = jdbi;
        this.usage = usage;
        this.changes = changes;
        this.products = products;
    }

    void recordUsage(Context ctx, Caller caller) {
        UsageBody b = Json.read(ctx.body(), UsageBody.class);
        boolean recorded = usage.record(caller.scope(null), ctx.pathParam("id"), new UsageSample(b.eventId(), b.at(), b.rcu(), b.connections(),
                b.counts(), b.levels(), java.util.Optional.ofNullable(b.endpointId())));
        RestApi.json(ctx, recorded ? 201 : 200, Json.MAPPER.createObjectNode().put("eventId", b.eventId()).put("duplicate", !recorded));
    }

    void estimate(Context ctx, Caller caller) {
        JsonNode body = Json.read(ctx.body(), JsonNode.class);
        if (!(body instanceof ObjectNode obj)) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "the body must be a JSON object");
        }
        if (!obj.path("instanceId").isTextual()) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "instanceId is required");
        }
        String instanceId = obj.get("instanceId").asText();
        if (obj.hasNonNull("action")) {
            estimateChange(ctx, caller, Json.read(ctx.body(), ChangeEstimateBody.class));
            return;
        }
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, caller.scope(null), instanceId));
        ProductRoutes.Estimator estimator = products.estimator(i.product()).orElseThrow(() -> new ProblemException(Codes.MISSING_PARAMETER,
                "say which change to estimate: action is one of " + changes.names(caller.scope(null), instanceId)));
        RestApi.json(ctx, 200, estimator.estimate(caller, instanceId, obj));
    }

    /** A change that is an action (renew, upgradeEdition, unsubscribe...): the same run as the change, rolled back. */
    private void estimateChange(Context ctx, Caller caller, ChangeEstimateBody b) {
        ChangeRequests.Estimate e = changes.estimate(caller.scope(null), b.instanceId(), new ChangeRequest(b.action(), b.instanceClass(),
                b.storageGb(), b.months(), b.postExpirationAction(), b.enabled(), b.confirmDeleteResource(), b.nodeCount(), b.edition()));
        ObjectNode out = Json.MAPPER.createObjectNode().put("instanceId", b.instanceId()).put("action", b.action())
                .put("eligible", e.violations().isEmpty());
        e.done().ifPresent(d -> {
            out.put("explanation", d.explanation());
            d.order().ifPresent(o -> {
                out.put("currency", o.currency()).put("orderType", o.type().name());
                if (o.cashPaid().signum() < 0) {
                    out.put("refund", o.cashPaid().negate().toPlainString());
                } else {
                    out.put("orderAmount", o.listPrice().toPlainString()).put("coupon", o.coupon().toPlainString())
                            .put("cashPaid", o.cashPaid().toPlainString());
                }
            });
        });
        e.hourly().ifPresent(hourly -> hourly(out, hourly));
        if (!out.has("currency") && e.hourly().isPresent()) {
            // No order to name it: the hourly figures are priced in the instance's account's currency.
            String currency = jdbi.withHandle(h -> AccountStore.find(h, InstanceStore.get(h, caller.scope(null), b.instanceId())
                    .accountId()).orElseThrow().currency());
            out.put("currency", currency);
        }
        violations(out, e.violations());
        RestApi.json(ctx, 200, out);
    }

    /** The hourly cost now and after the change, in total and by billing item (an item the configuration does not bill is absent). */
    private static void hourly(ObjectNode out, ChangeRequests.Hourly hourly) {
        out.put("hourlyBefore", HourlyCost.total(hourly.before()).toPlainString())
                .put("hourlyAfter", HourlyCost.total(hourly.after()).toPlainString());
        items(out.putObject("hourlyItemsBefore"), hourly.before());
        items(out.putObject("hourlyItemsAfter"), hourly.after());
    }

    private static void items(ObjectNode out, List<BillLine> lines) {
        for (BillLine l : lines) {
            BigDecimal sum = out.has(l.item()) ? new BigDecimal(out.get(l.item()).asText()).add(l.amount()) : l.amount();
            out.put(l.item(), sum.toPlainString());
        }
    }

    /** The refusals of an estimate, each with its code and message. */
    public static void violations(ObjectNode out, List<Problem> problems) {
        ArrayNode v = out.putArray("violations");
        for (Problem p : problems) {
            v.addObject().put("code", p.code()).put("message", p.message());
        }
    }
}
