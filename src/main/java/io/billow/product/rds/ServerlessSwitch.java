package io.billow.product.rds;

import io.billow.api.rpc.ram.ServiceLinkedRoles;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.CapacityRange;
import io.billow.eligibility.Rcu;
import io.billow.problem.Problem;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an RDS PostgreSQL instance may switch between pay-as-you-go and serverless
 * (seed 000, domain.md §4). Pure: every rule is checked, in the table's order, and all failures
 * are returned; the first is the one an Alibaba-style response names.
 */
public final class ServerlessSwitch {

    public static final Set<String> REQUIRED_ROLES = Set.of("AliyunServiceRoleForRdsPgsqlOnEcs", "AliyunServiceRoleForRDSProxyOnEcs");
    public static final Map<String, String> SERVERLESS_CLASS = Map.of("Basic", "pg.n2.serverless.1c", "HighAvailability", "pg.n2.serverless.2c");
    public static final long SWITCH_INTERVAL_SECONDS = 86_400;
    private static final Set<String> SERVERLESS_STORAGE = Set.of("cloud_essd", "general_essd");
    private static final Pattern MINOR_DATE = Pattern.compile("(\\d{8})");
    private static final String EARLIEST_MINOR = "20231030";

    private ServerlessSwitch() {
    }

    /** Pay-as-you-go → serverless with the requested class and capacity range. */
    public static List<Problem> toServerless(RdsFacts f, CapacityRange range, String targetClass, BigDecimal min, BigDecimal max,
                                             Instant now) {
        List<Problem> p = new ArrayList<>();
        if (!"Running".equals(f.status()) || f.operationInProgress()) {
            p.add(Problem.of("IncorrectDBInstanceState", "The instance must be Running with no operation in progress; it is " + f.status() + "."));
        }
        if (f.majorVersion() < 14) {
            p.add(Problem.of("EngineNotSupported", "Serverless needs PostgreSQL 14 or later; the instance runs " + f.majorVersion() + "."));
        }
        if (!SERVERLESS_CLASS.containsKey(f.edition())) {
            p.add(Problem.of("InvalidTargetCategory", "Serverless needs the Basic or High-availability edition; the instance is " + f.edition() + "."));
        }
        if (f.method() != BillingMethod.PAY_AS_YOU_GO) {
            p.add(Problem.of("InvalidPayType.NotSupported", f.method() == BillingMethod.SUBSCRIPTION
                    ? "A subscription instance must change to pay-as-you-go before switching to serverless."
                    : "The instance is already serverless."));
        }
        if (!SERVERLESS_STORAGE.contains(f.storageType())) {
            p.add(Problem.of("InvalidDBInstanceStorageType", "Serverless needs PL1 ESSDs (cloud_essd) or premium performance disks (general_essd); the instance uses " + f.storageType() + "."));
        }
        if (!minorVersionSupported(f.minorVersion())) {
            p.add(Problem.of("MinorVersionNotSupport", "Serverless needs minor version " + EARLIEST_MINOR + " or later without babelfish; the instance runs " + f.minorVersion() + "."));
        }
        if (!f.primary() || f.readOnlyInstances() > 0) {
            p.add(Problem.of("InstanceHasReadOnlyInstanceNotSupportThisOperation", f.primary()
                    ? "The instance has " + f.readOnlyInstances() + " read-only instance(s); release them first."
                    : "Only a primary instance can switch to serverless."));
        }
        if (f.proxyEnabled()) {
            p.add(Problem.of("MaxscaleNotSupport", "Disable the database proxy first."));
        }
        if (f.sslEnabled()) {
            p.add(Problem.of("SSLInstanceNotSupportThisOperation", "Disable SSL encryption first."));
        }
        if (f.diskEncryptionEnabled()) {
            p.add(Problem.of("BYOKInstanceNotSupportThisOperation", "Disk encryption must be disabled."));
        }
        if (f.pgBouncerEnabled()) {
            p.add(Problem.of("PgBouncerNotSupportThisOperation", "Disable the PgBouncer connection pool first."));
        }
        missingRoles(f).ifPresent(p::add);
        durationLimit(f, now, p);
        rcu(f, range, min, max, p);
        String expected = SERVERLESS_CLASS.get(f.edition());
        if (expected != null && !expected.equals(targetClass)) {
            p.add(Problem.of("IncorrectTargetClasscode", "The " + f.edition() + " edition switches to " + expected + ", not " + targetClass + "."));
        }
        if (f.unpaidOrder()) {
            p.add(Problem.of("OperationDenied.OrderUnPaid", "The instance has an unpaid order."));
        }
        if (!f.zoneHasServerlessRoom()) {
            p.add(Problem.of("InsufficientResourceCapacity", "The zone has no serverless capacity left; migrate the instance to another zone."));
        }
        return p;
    }

    /**
     * One problem naming every missing service-linked role with the ServiceName that creates it
     * (ResourceManager or RAM CreateServiceLinkedRole), so one answer says all there is to do.
     */
    private static Optional<Problem> missingRoles(RdsFacts f) {
        List<String> missing = REQUIRED_ROLES.stream().sorted().filter(role -> !f.accountRoles().contains(role))
                .map(role -> role + " (CreateServiceLinkedRole with ServiceName " + ServiceLinkedRoles.serviceOf(role).orElseThrow() + ")")
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Problem.of("ServiceLinkedRole.NotExist", "The service-linked role" + (missing.size() > 1 ? "s " : " ")
                + String.join(" and ", missing) + (missing.size() > 1 ? " do" : " does") + " not exist; create "
                + (missing.size() > 1 ? "them" : "it") + " first."));
    }

    /** Serverless → pay-as-you-go: PL1 ESSD storage required, and the same 24-hour rule. */
    public static List<Problem> toPayAsYouGo(RdsFacts f, Instant now) {
        List<Problem> p = new ArrayList<>();
        if (!"Running".equals(f.status()) || f.operationInProgress()) {
            p.add(Problem.of("IncorrectDBInstanceState", "The instance must be Running with no operation in progress; it is " + f.status() + "."));
        }
        if (f.method() != BillingMethod.SERVERLESS) {
            p.add(Problem.of("InvalidPayType.NotSupported", "Only a serverless instance switches back to pay-as-you-go here."));
        }
        if (!"cloud_essd".equals(f.storageType())) {
            p.add(Problem.of("InvalidDBInstanceStorageType", "Switching back to pay-as-you-go needs PL1 ESSDs (cloud_essd); the instance uses " + f.storageType() + "."));
        }
        durationLimit(f, now, p);
        if (f.unpaidOrder()) {
            p.add(Problem.of("OperationDenied.OrderUnPaid", "The instance has an unpaid order."));
        }
        return p;
    }

    private static void durationLimit(RdsFacts f, Instant now, List<Problem> p) {
        if (f.lastSwitchAt() != null && now.getEpochSecond() - f.lastSwitchAt().getEpochSecond() < SWITCH_INTERVAL_SECONDS) {
            Instant next = f.lastSwitchAt().plusSeconds(SWITCH_INTERVAL_SECONDS);
            p.add(Problem.of("OperationDenied.DurationLimit", "The instance switched between pay-as-you-go and serverless at "
                    + f.lastSwitchAt() + "; the next switch is possible from " + next + "."));
        }
    }

    private static void rcu(RdsFacts f, CapacityRange capacity, BigDecimal min, BigDecimal max, List<Problem> p) {
        List<Problem> range = new ArrayList<>();
        Rcu.check(capacity, min, max, range);
        p.addAll(range);
        if (range.isEmpty() && max.compareTo(BigDecimal.valueOf(f.cores())) < 0) {
            p.add(Problem.of("InvalidRCUValue", "MaxCapacity " + max + " is below the instance's " + f.cores()
                    + " CPU cores; set it to " + f.cores() + " or more."));
        }
    }

    static boolean minorVersionSupported(String minor) {
        if (minor == null || minor.toLowerCase(java.util.Locale.ROOT).contains("babelfish")) {
            return false;
        }
        Matcher m = MINOR_DATE.matcher(minor);
        String date = null;
        while (m.find()) {
            date = m.group(1);
        }
        return date != null && date.compareTo(EARLIEST_MINOR) >= 0;
    }
}
