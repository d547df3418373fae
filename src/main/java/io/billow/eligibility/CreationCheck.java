package io.billow.eligibility;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Edition;
import io.billow.catalog.Granularity;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.Product;
import io.billow.catalog.SpecRule;
import io.billow.metering.Meter;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.timeline.InstanceSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether an instance can be created as asked, from the catalog alone: product, region, zone,
 * edition, class, billing method, storage, engine version, capacity range, term and prices (the
 * parameter bounds through {@link Bounds}, which spec changes use too). Pure: every failure is
 * added to the caller's list, nothing is read but the catalog, and the same answer serves creation
 * and its estimate.
 */
public final class CreationCheck {

    /** A limit on everything: no instance has more storage than this, whatever its catalog says. */
    public static final int MAX_STORAGE_GB = (int) io.billow.catalog.StorageRange.MAX_GB;

    private CreationCheck() {
    }

    /** What a valid request creates: its snapshot, zone and (for a subscription) the monthly price. */
    public record Creation(Product product, String zoneId, InstanceSnapshot snapshot, Optional<PriceEntry> monthly) {
    }

    /** The creation, or empty with the reasons added to {@code problems}. */
    public static Optional<Creation> check(Catalog catalog, CreateInstance req, String currency, Instant now, List<Problem> problems) {
        Product product = product(catalog, req, problems);
        if (product == null) {
            return Optional.empty();
        }
        String region = require(req.region(), "region", problems);
        if (region != null && !product.regions().contains(region) && !product.regions().contains("*")) {
            problems.add(Problem.of("InvalidRegionId.NotFound", "product " + product.code() + " is not offered in region " + region));
        }
        Optional<String> zone = region == null ? Optional.empty() : Bounds.zone(product, region, req.zoneId(), problems);
        BillingMethod method = method(req.billingMethod(), problems);
        Edition edition = edition(product, req, method, problems);
        InstanceClass cls = instanceClass(product, req, edition, method, problems);
        String storageType = req.storageType() == null ? product.facts().defaultStorageType().orElse("none") : req.storageType();
        Optional<Integer> storage = cls == null || method == null ? Optional.empty()
                : Bounds.storage(product, cls, method, storageType, req.storageGb(), problems);
        Bounds.engineVersion(product, req.engineVersion(), problems);
        Integer nodes = nodes(cls, req.nodeCount(), problems);
        if (method == BillingMethod.SERVERLESS) {
            Rcu.check(cls == null ? Rcu.DEFAULT : Rcu.rangeOf(product, cls.code()), req.rcuMin(), req.rcuMax(), problems);
        } else if (req.rcuMin() != null || req.rcuMax() != null) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "a capacity range only applies to Serverless instances"));
        }
        if (method == BillingMethod.SUBSCRIPTION && (req.months() == null || !product.facts().sellsTerm(req.months()))) {
            problems.add(Problem.of("InvalidPeriod", product.name() + " is sold for terms of " + product.facts().termMonths() + " months"
                    + (req.months() == null ? "; months is required" : ", not " + req.months())));
        } else if (method != BillingMethod.SUBSCRIPTION && req.months() != null) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "a term in months only applies to Subscription instances"));
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        InstanceSnapshot snapshot = InstanceSnapshot.created(product.code(), region, edition.code(), cls.code(), method, storage.orElseThrow(),
                storageType);
        if (method == BillingMethod.SERVERLESS) {
            snapshot = snapshot.withRcuRange(req.rcuMin(), req.rcuMax());
        }
        if (nodes != null) {
            snapshot = snapshot.withCount(InstanceClass.NODES, nodes);
        }
        checkPrices(catalog, product, snapshot, currency, now, problems);
        Optional<PriceEntry> monthly = Optional.empty();
        if (method == BillingMethod.SUBSCRIPTION) {
            monthly = termPrice(catalog, product, cls.code(), region, currency, now);
            if (monthly.isEmpty()) {
                problems.add(Problem.of(Codes.PRICE_NOT_FOUND, "no " + currency + " subscription price for " + product.code() + " class " + cls.code()));
            }
        }
        return problems.isEmpty() ? Optional.of(new Creation(product, zone.orElseThrow(), snapshot, monthly)) : Optional.empty();
    }

    /** The node count of a class sold by nodes (its minimum when none is asked); null for other classes. */
    private static Integer nodes(InstanceClass cls, Integer asked, List<Problem> problems) {
        if (cls == null) {
            return null;
        }
        if (!cls.hasNodes()) {
            if (asked != null) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, cls.code() + " is not sold by a number of nodes"));
            }
            return null;
        }
        int nodes = asked == null ? cls.limit("nodesMin").orElseThrow().intValue() : asked;
        cls.nodeProblem(nodes).ifPresent(why -> problems.add(Problem.of("InvalidSegNodeNum", why)));
        return nodes;
    }

    private static Product product(Catalog catalog, CreateInstance req, List<Problem> problems) {
        if (require(req.product(), "product", problems) == null) {
            return null;
        }
        Product product = catalog.product(req.product()).orElse(null);
        if (product == null) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "unknown product '" + req.product() + "' (known: "
                    + String.join(", ", new TreeSet<>(catalog.products().keySet())) + ")"));
        }
        return product;
    }

    private static Edition edition(Product product, CreateInstance req, BillingMethod method, List<Problem> problems) {
        String code = require(req.edition(), "edition", problems);
        Edition edition = code == null ? null : product.editions().get(code);
        if (code != null && edition == null) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "unknown edition '" + code + "' of " + product.code()
                    + " (known: " + String.join(", ", new TreeSet<>(product.editions().keySet())) + ")"));
        } else if (edition != null && method != null && !edition.methods().contains(method)) {
            problems.add(Problem.of("InvalidPayType.NotSupported", "edition " + edition.code() + " cannot be bought " + method.alibabaName()));
        }
        return edition;
    }

    private static InstanceClass instanceClass(Product product, CreateInstance req, Edition edition, BillingMethod method,
                                               List<Problem> problems) {
        String code = require(req.instanceClass(), "instanceClass", problems);
        InstanceClass cls = code == null ? null : product.classes().get(code);
        if (code != null && cls == null) {
            problems.add(Problem.of("InvalidDBInstanceClass.NotFound", "unknown instance class '" + code + "' of " + product.code()));
        } else if (cls != null) {
            if (edition != null && cls.edition().isPresent() && !cls.edition().get().equals(edition.code())) {
                problems.add(Problem.of("IncorrectTargetClasscode", "class " + cls.code() + " belongs to edition " + cls.edition().get()
                        + ", not " + edition.code()));
            }
            if (method != null && !cls.methods().contains(method)) {
                problems.add(Problem.of("IncorrectTargetClasscode", "class " + cls.code() + " cannot be bought " + method.alibabaName()));
            }
        }
        return cls;
    }

    /**
     * Everything that would accrue while Running must have a price in the account's currency; an
     * item the edition does not bill (multiplier 0) or the instance's counters exclude needs none.
     */
    public static void checkPrices(Catalog catalog, Product product, InstanceSnapshot s, String currency, Instant now, List<Problem> problems) {
        for (BillingItem item : product.items()) {
            if (item.granularity() == Granularity.TERM || !item.accruesUnder(s.method()) || !item.billable(s.edition(), s.counts())) {
                continue;
            }
            if (product.rule("Running", item.code()).isEmpty()) {
                continue;
            }
            String spec = Meter.spec(item, s, SpecRule.CURRENT);
            if (catalog.prices().priceAt(product.code(), item.code(), s.region(), spec, currency, now).isEmpty()) {
                problems.add(Problem.of(Codes.PRICE_NOT_FOUND, "no " + currency + " price for " + product.code() + " item " + item.code()
                        + " at spec " + spec + " in region " + s.region()));
            }
        }
    }

    private static Optional<PriceEntry> termPrice(Catalog catalog, Product product, String cls, String region, String currency, Instant now) {
        for (BillingItem item : product.items()) {
            if (item.granularity() == Granularity.TERM) {
                Optional<PriceEntry> p = catalog.prices().priceAt(product.code(), item.code(), region, cls, currency, now);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private static String require(String value, String name, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, name + " is required"));
            return null;
        }
        return value;
    }

    private static BillingMethod method(String text, List<Problem> problems) {
        if (text == null) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "billingMethod is required (Subscription, PayAsYouGo or Serverless)"));
            return null;
        }
        try {
            return BillingMethod.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of("InvalidPayType.NotSupported", e.getMessage()));
            return null;
        }
    }
}
