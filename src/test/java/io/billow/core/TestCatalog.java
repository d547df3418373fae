package io.billow.core;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Edition;
import io.billow.catalog.Granularity;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Measure;
import io.billow.catalog.PriceBook;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.Product;
import io.billow.catalog.QuotaScope;
import io.billow.catalog.SpecRule;
import io.billow.catalog.SpecSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small catalog with round prices, built in code so the core's tests do not depend on the
 * shipped (editable) catalog files. Figures in tests are computed by hand from these prices.
 */
public final class TestCatalog {

    public static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    public static final Set<BillingMethod> PAYG = Set.of(BillingMethod.PAY_AS_YOU_GO);

    private TestCatalog() {
    }

    public static BillingItem item(String code, Measure measure, String resource, Granularity g, SpecSource spec,
                                   Set<BillingMethod> methods, long unitSize, Map<String, Long> quotas,
                                   Map<String, Integer> multipliers) {
        return new BillingItem(code, code, measure, resource, g, spec, methods, unitSize, "hour", "s", quotas,
                QuotaScope.INSTANCE, multipliers);
    }

    /** AnalyticDB elastic storage mode: compute per class per second, storage per GB per second. */
    public static Product analyticDb() {
        BillingItem compute = item("compute", Measure.INSTANCE, null, Granularity.SECOND, SpecSource.CLASS, PAYG, 3600, Map.of(), Map.of());
        BillingItem storage = item("storage", Measure.STORAGE_GB, null, Granularity.SECOND, SpecSource.NONE, PAYG, 3600, Map.of(), Map.of());
        Map<String, SpecRule> both = Map.of("compute", SpecRule.CURRENT, "storage", SpecRule.CURRENT);
        return new Product("adb", "AnalyticDB", Set.of("cn-hangzhou"), Map.of("elastic", new Edition("elastic", "Elastic", PAYG)),
                Map.of("4c", cls("4c", 4), "8c", cls("8c", 8)), List.of(compute, storage),
                Map.of("Running", both, "Pausing", both,
                        "Paused", Map.of("storage", SpecRule.CURRENT),
                        "Starting", Map.of("storage", SpecRule.CURRENT),
                        "Scaling", Map.of("compute", SpecRule.ORIGINAL, "storage", SpecRule.CURRENT)));
    }

    /** RDS PostgreSQL: pay-as-you-go compute by class, serverless RCU (× 2 for HA), storage. */
    public static Product rds() {
        Set<BillingMethod> all = Set.of(BillingMethod.PAY_AS_YOU_GO, BillingMethod.SERVERLESS);
        BillingItem compute = item("compute", Measure.INSTANCE, null, Granularity.SECOND, SpecSource.CLASS, PAYG, 3600, Map.of(), Map.of());
        BillingItem rcu = item("rcu", Measure.RCU, null, Granularity.SECOND, SpecSource.NONE, Set.of(BillingMethod.SERVERLESS), 3600,
                Map.of(), Map.of("HighAvailability", 2));
        BillingItem storage = item("storage", Measure.STORAGE_GB, null, Granularity.SECOND, SpecSource.NONE, all, 3600, Map.of(), Map.of());
        Map<String, SpecRule> running = Map.of("compute", SpecRule.CURRENT, "rcu", SpecRule.CURRENT, "storage", SpecRule.CURRENT);
        return new Product("rds", "RDS", Set.of("cn-hangzhou"),
                Map.of("HighAvailability", new Edition("HighAvailability", "HA", all), "Basic", new Edition("Basic", "Basic", all)),
                Map.of("pg.n2.medium.2c", cls("pg.n2.medium.2c", 2), "pg.n2.serverless.2c", cls("pg.n2.serverless.2c", 0)),
                List.of(compute, rcu, storage),
                Map.of("Running", running, "Suspending", running,
                        "DBInstanceClassChanging", Map.of("compute", SpecRule.ORIGINAL, "rcu", SpecRule.ORIGINAL, "storage", SpecRule.CURRENT),
                        "Suspended", Map.of("storage", SpecRule.CURRENT),
                        "Starting", Map.of("storage", SpecRule.CURRENT)));
    }

    /** PolarDB pay-as-you-go: compute billed by whole hours. */
    public static Product polarDb() {
        Set<BillingMethod> both = Set.of(BillingMethod.PAY_AS_YOU_GO, BillingMethod.SERVERLESS);
        BillingItem compute = item("compute", Measure.INSTANCE, null, Granularity.HOUR, SpecSource.CLASS, both, 3600, Map.of(), Map.of());
        return new Product("polardb", "PolarDB", Set.of("cn-hangzhou"), Map.of("cluster", new Edition("cluster", "Cluster", both)),
                Map.of("small", cls("small", 2), "big", cls("big", 8)), List.of(compute),
                Map.of("Running", Map.of("compute", SpecRule.CURRENT)));
    }

    /** RocketMQ-like: topics above a free quota per second, clients by hourly peak, API calls counted, topic-days. */
    public static Product queue() {
        BillingItem topics = item("topics", Measure.RESOURCE, "topics", Granularity.SECOND, SpecSource.CLASS, PAYG, 3600, Map.of("s1", 100L), Map.of());
        BillingItem clients = item("clients", Measure.RESOURCE, "clients", Granularity.HOUR, SpecSource.CLASS, PAYG, 3600, Map.of("s1", 500L), Map.of());
        BillingItem calls = new BillingItem("calls", "calls", Measure.USAGE, "calls", Granularity.COUNT, SpecSource.NONE, PAYG, 10_000,
                "10,000 calls", "calls", Map.of("*", 1_000_000L), QuotaScope.ACCOUNT, Map.of());
        BillingItem topicDays = item("topic_days", Measure.RESOURCE, "queues", Granularity.DAY, SpecSource.NONE, PAYG, 1, Map.of(), Map.of());
        Map<String, SpecRule> rules = Map.of("topics", SpecRule.CURRENT, "clients", SpecRule.CURRENT, "calls", SpecRule.CURRENT,
                "topic_days", SpecRule.CURRENT);
        return new Product("mq", "MQ", Set.of("cn-hangzhou"), Map.of("Shared", new Edition("Shared", "Shared", PAYG)),
                Map.of("s1", cls("s1", 0)), List.of(topics, clients, calls, topicDays), Map.of("Running", rules));
    }

    private static InstanceClass cls(String code, int cores) {
        return new InstanceClass(code, Optional.empty(), Set.of(BillingMethod.PAY_AS_YOU_GO), cores, BigDecimal.valueOf(cores * 4L), 0);
    }

    public static PriceEntry price(String product, String item, String spec, String unitPrice, Instant from) {
        return new PriceEntry(product + "/" + item + "/" + spec + "@" + from, product, item, "*", spec, "USD",
                new BigDecimal(unitPrice), from, true, "test");
    }

    /** Prices: round figures per hour (or per unit), all effective from {@link #EPOCH}. */
    public static PriceBook prices(PriceEntry... extra) {
        List<PriceEntry> p = new ArrayList<>(List.of(
                price("adb", "compute", "4c", "3.6", EPOCH),
                price("adb", "compute", "8c", "7.2", EPOCH),
                price("adb", "storage", "*", "0.0036", EPOCH),
                price("rds", "compute", "pg.n2.medium.2c", "0.5", EPOCH),
                price("rds", "rcu", "*", "0.12", EPOCH),
                price("rds", "storage", "*", "0.0002", EPOCH),
                price("polardb", "compute", "small", "1", EPOCH),
                price("polardb", "compute", "big", "4", EPOCH),
                price("mq", "topics", "s1", "0.01", EPOCH),
                price("mq", "clients", "s1", "0.001", EPOCH),
                price("mq", "calls", "*", "0.02", EPOCH),
                price("mq", "topic_days", "*", "0.3", EPOCH)));
        p.addAll(List.of(extra));
        return PriceBook.of(p);
    }
}
