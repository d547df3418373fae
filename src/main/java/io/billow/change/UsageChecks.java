package io.billow.change;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Granularity;
import io.billow.catalog.Measure;
import io.billow.catalog.Product;
import io.billow.instance.Instance;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The checks of a usage report: its shape, the items it names for the instance's edition, the endpoint it went through. */
final class UsageChecks {

    private static final BigDecimal MAX_RCU = BigDecimal.valueOf(1000);
    /** Limits on a report: counts are per report, levels are gauges such as online clients. */
    private static final BigDecimal MAX_COUNT = new BigDecimal("1000000000000000");
    private static final BigDecimal MAX_LEVEL = new BigDecimal("1000000000");

    private UsageChecks() {
    }

    /** What can be judged without the instance: the event id, and every value in range. */
    static void shape(UsageSample s, List<Problem> problems) {
        if (s.eventId() == null || s.eventId().isBlank() || s.eventId().length() > 64) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "eventId is required (at most 64 characters)"));
        }
        if (s.rcu() == null && s.connections() == null && s.counts().isEmpty() && s.levels().isEmpty()) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "a sample needs counts, levels, rcu or connections"));
        }
        if (s.rcu() != null && (s.rcu().signum() < 0 || s.rcu().compareTo(MAX_RCU) > 0)) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "rcu must be within 0–1000, got " + s.rcu()));
        }
        if (s.connections() != null && s.connections() < 0) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "connections cannot be negative"));
        }
        s.counts().forEach((name, q) -> {
            if (q == null || q.signum() < 0 || q.compareTo(MAX_COUNT) > 0 || q.stripTrailingZeros().scale() > 6) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "counts." + name + " must be a number within 0–" + MAX_COUNT.toPlainString()
                        + " with at most 6 decimals, got " + q));
            }
        });
        s.levels().forEach((name, q) -> {
            if (q == null || q.signum() < 0 || q.compareTo(MAX_LEVEL) > 0 || q.stripTrailingZeros().scale() > 0) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "levels." + name + " must be a whole number within 0–"
                        + MAX_LEVEL.toPlainString() + ", got " + q));
            }
        });
    }

    /** The COUNT item of each reported count, refusing names the product does not bill, and naming the ones it does. */
    static Map<String, BillingItem> countedItems(Product product, Instance i, UsageSample s) {
        Map<String, BillingItem> items = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String name : s.counts().keySet()) {
            List<BillingItem> forName = product.itemsForResource(name, Granularity.COUNT);
            if (forName.isEmpty()) {
                problems.add(Problem.of(Codes.UNKNOWN_USAGE, product.name() + " counts no usage named '" + name + "'; "
                        + "it counts: " + names(product, Granularity.COUNT, Measure.USAGE)));
            } else if (forName.stream().noneMatch(item -> item.multiplier(i.edition()) != 0)) {
                problems.add(Problem.of(Codes.UNKNOWN_USAGE, "the " + i.edition() + " edition of " + product.name() + " bills no '"
                        + name + "'"));
            }
            forName.forEach(item -> items.put(item.code(), item));
        }
        for (String name : s.levels().keySet()) {
            List<BillingItem> gauges = product.items().stream().filter(item -> item.measure() == Measure.RESOURCE
                    && name.equals(item.resource()) && item.conditions().sumOf().isEmpty()).toList();
            boolean configured = product.items().stream().anyMatch(item -> item.conditions().allowanceFrom().filter(name::equals).isPresent()
                    || item.conditions().onlyWhen().filter(c -> c.resource().equals(name)).isPresent());
            if (configured) {
                problems.add(Problem.of(Codes.UNKNOWN_USAGE, "'" + name + "' is part of the instance's configuration, set when it is "
                        + "created or changed; usage reports cannot set it"));
            } else if (gauges.isEmpty()) {
                problems.add(Problem.of(Codes.UNKNOWN_USAGE, product.name() + " holds no level named '" + name + "'; its levels: "
                        + names(product, null, Measure.RESOURCE) + (i.method() == BillingMethod.SERVERLESS ? ", rcu, connections" : "")));
            } else if (gauges.stream().noneMatch(item -> item.multiplier(i.edition()) != 0)) {
                problems.add(Problem.of(Codes.UNKNOWN_USAGE, "the " + i.edition() + " edition of " + product.name() + " bills no '"
                        + name + "' level"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        return items;
    }

    /** Usage billed per endpoint must say which endpoint it went through. */
    static void endpointNamed(Product product, Map<String, BillingItem> counted, UsageSample s) {
        for (BillingItem item : counted.values()) {
            if (item.conditions().perEndpoint() && s.endpointId().isEmpty()) {
                throw new ProblemException(Codes.MISSING_PARAMETER, "counts." + item.resource() + " of " + product.name()
                        + " is billed per endpoint: say which with endpointId");
            }
        }
        s.endpointId().filter(e -> e.isBlank() || e.length() > 64).ifPresent(e -> {
            throw new ProblemException(Codes.INVALID_PARAMETER, "endpointId must be 1–64 characters");
        });
    }

    /** The endpoint a report names must be one of the instance's at the report's instant (present, not yet deleted). */
    static void requireEndpoint(Timeline timeline, String endpointId, Instant at, String instanceId) {
        InstanceSnapshot snap = UsageIngest.snapshotAt(timeline, at);
        boolean present = snap != null && snap.endpoints().stream().anyMatch(e -> e.id().equals(endpointId));
        if (!present) {
            throw new ProblemException(UsageIngest.ENDPOINT_NOT_FOUND, "instance " + instanceId + " has no endpoint " + endpointId + " at " + at);
        }
    }

    private static String names(Product product, Granularity granularity, Measure measure) {
        List<String> names = new ArrayList<>();
        for (BillingItem item : product.items()) {
            if (item.measure() == measure && (granularity == null || item.granularity() == granularity) && item.resource() != null
                    && item.conditions().sumOf().isEmpty() && !names.contains(item.resource())) {
                names.add(item.resource());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

}
