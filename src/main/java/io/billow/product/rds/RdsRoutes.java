package io.billow.product.rds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rest.Caller;
import io.billow.api.rest.Json;
import io.billow.api.rest.ProductRoutes;
import io.billow.api.rest.UsageRoutes;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** RDS on the native API: the serverless switch, and its estimate (the switch described by payType and capacity). */
final class RdsRoutes {

    record SwitchBody(String payType, String instanceClass, BigDecimal minCapacity, BigDecimal maxCapacity, Boolean autoPause,
                      Boolean switchForce, String effectiveTime, Instant switchTime) {
        SwitchRequest toRequest() {
            return new SwitchRequest(payType, instanceClass, minCapacity, maxCapacity, autoPause, switchForce, effectiveTime, switchTime);
        }
    }

    record EstimateBody(String instanceId, String payType, String instanceClass, BigDecimal minCapacity, BigDecimal maxCapacity,
                        Boolean autoPause, Boolean switchForce, String effectiveTime, Instant switchTime, List<BigDecimal> rcuProfile) {
    }

    private final RdsSwitches switches;
    private final Estimates estimates;

    RdsRoutes(RdsSwitches switches, Estimates estimates) {
        this.switches = switches;
        this.estimates = estimates;
    }

    void register(ProductRoutes routes) {
        routes.post("/api/v1/instances/{id}/switch", this::requestSwitch).estimates(RdsActions.PRODUCT, this::estimate);
    }

    private void requestSwitch(Context ctx, Caller caller) {
        SwitchBody b = ProductRoutes.read(ctx, SwitchBody.class);
        RdsSwitches.Switched s = switches.request(caller.scope(null), ctx.pathParam("id"), b.toRequest());
        ObjectNode out = ProductRoutes.view(s.instance());
        out.put("orderId", s.order() == null ? null : s.order().id());
        ProductRoutes.json(ctx, 202, out);
    }

    private ObjectNode estimate(Caller caller, String instanceId, JsonNode body) {
        EstimateBody b = Json.read(body.toString(), EstimateBody.class);
        Estimates.Estimate e = estimates.forSwitch(caller.scope(null), instanceId, new SwitchRequest(b.payType(), b.instanceClass(),
                b.minCapacity(), b.maxCapacity(), b.autoPause(), b.switchForce(), b.effectiveTime(), b.switchTime()), b.rcuProfile());
        ObjectNode out = Json.MAPPER.createObjectNode().put("instanceId", instanceId).put("currency", e.currency())
                .put("orderAmount", e.orderAmount().toPlainString()).put("hourlyBefore", e.hourlyBefore().toPlainString())
                .put("hourlyAfter", e.hourlyAfter().toPlainString()).put("eligible", e.violations().isEmpty())
                .put("explanation", e.explanation());
        UsageRoutes.violations(out, e.violations());
        return out;
    }
}
