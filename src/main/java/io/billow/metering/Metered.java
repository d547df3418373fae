package io.billow.metering;

import io.billow.time.Interval;

import java.util.List;

/**
 * What an instance accrued in one settlement period.
 *
 * @param methodChanged the billing method changed inside the period, so HOUR items bill by the second
 */
public record Metered(String instanceId, Interval period, List<Accrual> accruals, boolean methodChanged) {

    public boolean isEmpty() {
        return accruals.isEmpty();
    }
}
