package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.change.ChangeRequest;
import io.billow.change.ChangeRequests;
import io.billow.change.Estimates;
import io.billow.change.RdsSwitches;
import io.billow.change.SwitchRequest;
import io.billow.change.UsageIngest;
import io.billow.change.UsageSample;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The native side of the serverless flow: switch, usage samples and estimates. */
public final class ServerlessRoutes {

    record SwitchBody(String payType, String instanceClass, BigDecimal minCapacity, BigDecimal maxCapacity, Boolean autoPause,
                      Boolean switchForce, String effectiveTime, Instant switchTime) {
        SwitchRequest toRequest() {
            return new SwitchRequest(payType, instanceClass, minCapacity, maxCapacity, autoPause, switchForce, effectiveTime, switchTime);
        }
    }

    record UsageBody(String eventId, Instant at, BigDecimal rcu, Integer connections, Map<String, BigDecimal> counts,
                     Map<String, BigDecimal> levels) {
    }

    record EstimateBody(String instanceId, String payType, String instanceClass, BigDecimal minCapacity, BigDecimal maxCapacity,
                        Boolean autoPause, Boolean switchForce, String effectiveTime, Instant switchTime, List<BigDecimal> rcuProfile,
                        String action, Integer storageGb, Integer months, String postExpirationAction, Boolean enabled,
                        Boolean confirmDeleteResource) {
    }

    private final RdsSwitches switches;
    private final UsageIngest usage;
    private final Estimates estimates;
    private final ChangeRequests changes;

    public ServerlessRoutes(RdsSwitches switches, UsageIngest usage, Estimates estimates, ChangeRequests changes) {
        this.switches = switches;
        this.usage = usage;
        this.estimates = estimates;
        this.changes = changes;
    }

    void requestSwitch(Context ctx, Caller caller) {
        SwitchBody b = Json.read(ctx.body(), SwitchBody.class);
        RdsSwitches.Switched s = switches.request(caller.scope(null), ctx.pathParam("id"), b.toRequest());
        ObjectNode out = InstanceRoutes.view(s.instance());
        out.put("orderId", s.order() == null ? null : s.order().id());
        RestApi.json(ctx, 202, out);
    }

    void recordUsage(Context ctx, Caller caller) {
        UsageBody b = Json.read(ctx.body(), UsageBody.class);
        boolean recorded = usage.record(caller.scope(null), ctx.pathParam("id"), new UsageSample(b.eventId(), b.at(), b.rcu(), b.connections(),
                b.counts(), b.levels()));
        RestApi.json(ctx, recorded ? 201 : 200, Json.MAPPER.createObjectNode().put("eventId", b.eventId()).put("duplicate", !recorded));
    }

    void estimate(Context ctx, Caller caller) {
        EstimateBody b = Json.read(ctx.body(), EstimateBody.class);
        if (b.action() != null) {
            estimateChange(ctx, caller, b);
            return;
        }
        Estimates.Estimate e = estimates.forSwitch(caller.scope(null), b.instanceId(), new SwitchRequest(b.payType(), b.instanceClass(),
                b.minCapacity(), b.maxCapacity(), b.autoPause(), b.switchForce(), b.effectiveTime(), b.switchTime()), b.rcuProfile());
        ObjectNode out = Json.MAPPER.createObjectNode().put("instanceId", b.instanceId()).put("currency", e.currency())
                .put("orderAmount", e.orderAmount().toPlainString()).put("hourlyBefore", e.hourlyBefore().toPlainString())
                .put("hourlyAfter", e.hourlyAfter().toPlainString()).put("eligible", e.violations().isEmpty())
                .put("explanation", e.explanation());
        ArrayNode v = out.putArray("violations");
        for (Problem p : e.violations()) {
            v.addObject().put("code", p.code()).put("message", p.message());
        }
        RestApi.json(ctx, 200, out);
    }

    /** A change that is an action (renew, upgradeEdition, unsubscribe...): the same run as the change, rolled back. */
    private void estimateChange(Context ctx, Caller caller, EstimateBody b) {
        if (b.instanceId() == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "instanceId is required");
        }
        ChangeRequests.Estimate e = changes.estimate(caller.scope(null), b.instanceId(), new ChangeRequest(b.action(), b.instanceClass(),
                b.storageGb(), b.months(), b.postExpirationAction(), b.enabled(), b.confirmDeleteResource()));
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
        ArrayNode v = out.putArray("violations");
        for (Problem p : e.violations()) {
            v.addObject().put("code", p.code()).put("message", p.message());
        }
        RestApi.json(ctx, 200, out);
    }
}
