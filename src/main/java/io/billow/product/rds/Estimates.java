package io.billow.product.rds;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.change.HourlyCost;
import io.billow.clock.BillowClock;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.timeline.InstanceSnapshot;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * "What would this change cost": the order amount, one hour before and after the change, and
 * the rules that would block it, computed by rating synthetic one-hour timelines with the same
 * core that bills, and changing nothing.
 */
public final class Estimates {

    /** A limit on everything: an RCU profile has at most one sample per minute of the hour. */
    private static final int MAX_PROFILE = 60;

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final BillowClock clock;
    private final RdsSwitches switches;

    public Estimates(Jdbi jdbi, Catalog catalog, BillowClock clock, RdsSwitches switches) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
        this.switches = switches;
    }

    public record Estimate(String currency, BigDecimal orderAmount, BigDecimal hourlyBefore, BigDecimal hourlyAfter,
                           List<Problem> violations, String explanation) {
    }

    /**
     * @param rcuProfile RCU levels held for equal shares of the hour (e.g. [2, 4]: 2 RCU for 30 minutes, then 4);
     *                   empty means MinCapacity all hour
     */
    public Estimate forSwitch(String accountId, String instanceId, SwitchRequest req, List<BigDecimal> rcuProfile) {
        if (instanceId == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "instanceId is required");
        }
        List<BigDecimal> profile = rcuProfile == null ? List.of() : rcuProfile;
        if (profile.size() > MAX_PROFILE) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "rcuProfile has at most " + MAX_PROFILE + " levels");
        }
        for (BigDecimal level : profile) {
            if (level == null || level.signum() < 0 || level.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "rcuProfile levels must be within 0–1000 RCU, got " + level);
            }
        }
        Instant now = clock.now();
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, accountId, instanceId));
        Account account = jdbi.withHandle(h -> AccountStore.find(h, i.accountId()).orElseThrow());
        Product product = catalog.product(i.product()).orElseThrow();
        List<Problem> violations = switches.check(accountId, instanceId, req);
        InstanceSnapshot current = jdbi.withHandle(h -> InstanceStore.current(h, instanceId)).withState("Running");
        Rater.Pricing pricing = new Rater.Pricing(i.product(), i.region(), account.currency());
        Interval hour = Interval.ofSeconds(now, 3600);
        BigDecimal before = hourCost(product, current, hour, pricing, List.of());
        BigDecimal after = BigDecimal.ZERO;
        String explanation;
        BillingMethod target = parse(req.targetMethod());
        List<Problem> range = new java.util.ArrayList<>();
        String cls = ServerlessSwitch.SERVERLESS_CLASS.getOrDefault(i.edition(), req.targetClass());
        io.billow.eligibility.Rcu.check(io.billow.eligibility.Rcu.rangeOf(product, String.valueOf(cls)), req.minCapacity(), req.maxCapacity(),
                range);
        if (target == BillingMethod.SERVERLESS && range.isEmpty()) {
            InstanceSnapshot serverless = current.withMethod(BillingMethod.SERVERLESS, cls)
                    .withRcuRange(req.minCapacity(), req.maxCapacity());
            after = hourCost(product, serverless, hour, pricing, profile);
            explanation = i.method() == BillingMethod.SERVERLESS
                    ? "one hour at the present range against one hour at " + req.minCapacity() + "–" + req.maxCapacity()
                    + " RCU with RCU profile " + profile + "; no switch happens and no order is made"
                    : "one hour as now (" + i.method().alibabaName() + " " + i.instanceClass() + ") against one hour serverless ("
                    + req.minCapacity() + "–" + req.maxCapacity() + " RCU) with RCU profile " + profile + "; the switch itself is free";
        } else if (target == BillingMethod.PAY_AS_YOU_GO && req.targetClass() != null) {
            after = hourCost(product, current.withMethod(BillingMethod.PAY_AS_YOU_GO, req.targetClass()), hour, pricing, List.of());
            explanation = "one hour as now against one hour pay-as-you-go " + req.targetClass() + "; the switch itself is free";
        } else {
            explanation = "the target configuration is incomplete; see the violations";
        }
        return new Estimate(account.currency(), BigDecimal.ZERO.setScale(2), before, after, violations, explanation);
    }

    private BigDecimal hourCost(Product product, InstanceSnapshot snap, Interval hour, Rater.Pricing pricing, List<BigDecimal> profile) {
        return HourlyCost.total(HourlyCost.lines(catalog, product, snap, hour.start(), pricing, profile));
    }

    private static BillingMethod parse(String method) {
        try {
            return method == null ? null : BillingMethod.parse(method);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
