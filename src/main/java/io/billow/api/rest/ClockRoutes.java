package io.billow.api.rest;

import io.billow.api.Choice;
import io.billow.catalog.BillingMethod;
import io.billow.clock.BillowClock;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.provision.SimulatedProvisioner;
import io.billow.scheduler.Scheduler;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The simulated clock, and the simulated provisioner's knobs (operator only). */
public final class ClockRoutes {

    /** A limit on everything: one advance moves at most a year. */
    private static final long MAX_ADVANCE_SECONDS = 366L * 86_400;

    private static final Choice<BillingMethod> METHOD = Choice.parsedBy(BillingMethod::parse, Codes.INVALID_PARAMETER,
            "Subscription, PayAsYouGo, Serverless");

    record Advance(Long advanceSeconds, Instant to) {
    }

    record Capacity(String product, String zoneId, String billingMethod, int instances) {
    }

    record ProvisionerSettings(Map<String, Long> durations, List<Capacity> capacity, Map<String, Integer> failNext) {
    }

    private final BillowClock clock;
    private final Scheduler scheduler;
    private final SimulatedProvisioner provisioner;

    public ClockRoutes(BillowClock clock, Scheduler scheduler, SimulatedProvisioner provisioner) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.provisioner = provisioner;
    }

    void get(Context ctx) {
        RestApi.json(ctx, 200, Json.MAPPER.createObjectNode().put("now", clock.now().toString()).put("simulated", clock.isSimulated()));
    }

    void advance(Context ctx, Caller caller) {
        caller.requireOperator();
        if (!clock.isSimulated()) {
            throw new ProblemException(Codes.CLOCK_NOT_SIMULATED, "the clock can only be moved when Billow runs with --simulated-clock");
        }
        Advance body = Json.read(ctx.body(), Advance.class);
        if ((body.advanceSeconds() == null) == (body.to() == null)) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "give exactly one of advanceSeconds or to");
        }
        Instant now = clock.now();
        Instant target = body.to() != null ? body.to().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : null;
        if (body.advanceSeconds() != null) {
            if (body.advanceSeconds() < 0) {
                throw new ProblemException(Codes.CLOCK_BACKWARDS, "the clock cannot go backwards (advanceSeconds " + body.advanceSeconds() + ")");
            }
            if (body.advanceSeconds() > MAX_ADVANCE_SECONDS) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "one advance moves at most " + MAX_ADVANCE_SECONDS + " seconds");
            }
            target = now.plusSeconds(body.advanceSeconds());
        }
        if (target.isBefore(now)) {
            throw new ProblemException(Codes.CLOCK_BACKWARDS, "the clock cannot go backwards from " + now + " to " + target);
        }
        if (Duration.between(now, target).getSeconds() > MAX_ADVANCE_SECONDS) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "one advance moves at most " + MAX_ADVANCE_SECONDS + " seconds");
        }
        scheduler.advanceTo(target);
        get(ctx);
    }

    void configureProvisioner(Context ctx, Caller caller) {
        caller.requireOperator();
        ProvisionerSettings s = Json.read(ctx.body(), ProvisionerSettings.class);
        if (s.durations() != null) {
            s.durations().forEach((kind, seconds) -> {
                if (seconds == null || seconds < 0 || seconds > 30L * 86_400) {
                    throw new ProblemException(Codes.INVALID_PARAMETER, "duration of " + kind + " must be within 0–2592000 s");
                }
            });
        }
        if (s.capacity() != null) {
            for (Capacity c : s.capacity()) {
                if (c == null || c.product() == null || c.zoneId() == null || c.instances() < 0) {
                    throw new ProblemException(Codes.INVALID_PARAMETER, "each capacity needs a product, a zoneId and instances ≥ 0");
                }
                METHOD.required("billingMethod", c.billingMethod());
            }
        }
        if (s.failNext() != null) {
            s.failNext().forEach((kind, count) -> {
                if (count == null || count < 0 || count > 1_000) {
                    throw new ProblemException(Codes.INVALID_PARAMETER, "failNext of " + kind + " must be a count within 0–1000");
                }
            });
        }
        if (s.durations() != null) {
            s.durations().forEach((kind, seconds) -> provisioner.setDuration(kind, Duration.ofSeconds(seconds)));
        }
        if (s.capacity() != null) {
            s.capacity().forEach(c -> provisioner.setCapacity(c.product(), c.zoneId(), METHOD.required("billingMethod", c.billingMethod()),
                    c.instances()));
        }
        if (s.failNext() != null) {
            s.failNext().forEach(provisioner::failNext);
        }
        RestApi.json(ctx, 200, Json.MAPPER.createObjectNode().put("ok", true));
    }
}
