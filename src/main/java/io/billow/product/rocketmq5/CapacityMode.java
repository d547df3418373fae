package io.billow.product.rocketmq5;

import io.billow.catalog.InstanceClass;
import io.billow.eligibility.CreateInstance;
import io.billow.problem.Codes;
import io.billow.problem.Problem;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How a serverless instance's message requests are billed, chosen at creation with the options
 * {@code capacityType} and {@code reservedCapacity} (native API; kept in the instance's attributes):
 * <ul>
 *   <li>{@code cumulative} (the default, every edition): each message request is billed, by the month's tier;</li>
 *   <li>{@code reserved} (Shared and Dedicated): {@code reservedCapacity} requests per second are billed by the
 *       hour whether used or not, and the hour's requests above {@code reservedCapacity × 3,600} as elastic.</li>
 * </ul>
 * The reserved rate rides on the timeline as the counter {@link #COUNTER}, which the catalog's
 * reserved and elastic items read; a Shared instance's instance fee is for the cumulative mode only.
 */
final class CapacityMode {

    static final String CAPACITY_TYPE = "capacityType";
    static final String RESERVED_CAPACITY = "reservedCapacity";
    static final String CUMULATIVE = "cumulative";
    static final String RESERVED = "reserved";
    /** The timeline counter of the reserved rate (requests per second); 0 or absent in the cumulative mode. */
    static final String COUNTER = "reserved_tps";
    static final Set<String> OPTIONS = Set.of(CAPACITY_TYPE, RESERVED_CAPACITY);
    /** A limit on everything, whatever a class says. */
    private static final long MAX_RESERVED = 10_000_000;

    private CapacityMode() {
    }

    /** The reserved rate the creation asks for, if it is valid and reserved; every failure is added. */
    static OptionalLong reserved(CreateInstance req, InstanceClass cls, List<Problem> problems) {
        Map<String, String> o = req.labels();
        String type = o.getOrDefault(CAPACITY_TYPE, CUMULATIVE);
        String capacity = o.get(RESERVED_CAPACITY);
        if (!type.equals(CUMULATIVE) && !type.equals(RESERVED)) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "capacityType is cumulative or reserved, got '" + type + "'"));
            return OptionalLong.empty();
        }
        if (type.equals(CUMULATIVE)) {
            if (capacity != null) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "reservedCapacity applies to capacityType reserved only"));
            }
            return OptionalLong.empty();
        }
        if (!RocketMq5Rules.isProviderModel(req.edition())) {
            problems.add(Problem.of("InvalidParameter.CapacityType", "reserved + elastic capacity is sold for the Shared and Dedicated "
                    + "editions only; " + req.edition() + " bills cumulative amounts"));
            return OptionalLong.empty();
        }
        if (capacity == null) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "capacityType reserved needs reservedCapacity (message requests per second)"));
            return OptionalLong.empty();
        }
        long max = cls == null ? MAX_RESERVED : Math.min(MAX_RESERVED, cls.limit("maxReservedTps").orElse(MAX_RESERVED));
        long tps;
        try {
            tps = Long.parseLong(capacity);
        } catch (NumberFormatException e) {
            tps = -1;
        }
        if (tps < 1 || tps > max) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "reservedCapacity is a whole number of requests per second within 1–"
                    + max + (cls == null ? "" : " for " + cls.code()) + ", got '" + capacity + "'"));
            return OptionalLong.empty();
        }
        return OptionalLong.of(tps);
    }
}
