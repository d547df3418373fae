package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.change.Estimates;
import io.billow.change.RdsSwitches;
import io.billow.change.SwitchRequest;
import io.billow.change.UsageIngest;
import io.billow.change.UsageSample;
import io.billow.problem.Problem;
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
                        Boolean autoPause, Boolean switchForce, String effectiveTime, Instant switchTime, List<BigDecimal> rcuProfile) {
    }

    private final RdsSwitches switches;
    private final UsageIngest usage;
    private final Estimates estimates;

    public ServerlessRoutes(RdsSwitches switches, UsageIngest usage, Estimates estimates) {
        this.switches = switches;
        this.usage = usage;
        this.estimates = estimates;
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
}
