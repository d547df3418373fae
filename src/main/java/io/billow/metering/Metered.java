package io.billow.metering;

import io.billow.time.Interval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an instance accrued in one settlement period.
 *
 * @param methodChanged the billing method changed inside the period, so HOUR items bill by the second
 * @param allowances    COUNT items with an allowance: the quantity free in this period, by item code
 * @param cycleUsage    COUNT items: the quantity used in the monthly cycle before this period, by item code
 *                      (where its price tiers start, and what an instance's monthly free quota has left)
 */
public record Metered(String instanceId, Interval period, List<Accrual> accruals, boolean methodChanged,
                      Map<String, BigDecimal> allowances, Map<String, BigDecimal> cycleUsage) {

    public Metered {
        allowances = Map.copyOf(allowances);
        cycleUsage = Map.copyOf(cycleUsage);
    }

    public Metered(String instanceId, Interval period, List<Accrual> accruals, boolean methodChanged) {
        this(instanceId, period, accruals, methodChanged, Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return accruals.isEmpty();
    }
}
