package io.billow.account;

import io.billow.time.SettlementZone;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A tenant: its balance, currency, settlement zone and settlement cursor.
 *
 * @param lateUsage how many usage samples have arrived for periods already over (see the V9 migration)
 */
public record Account(String id, String name, String currency, BigDecimal balance, String zoneId, int standardOffsetSeconds,
                      Instant settledThrough, Instant overdueSince, Instant createdAt, long lateUsage) {

    public SettlementZone settlementZone() {
        return SettlementZone.of(ZoneId.of(zoneId).getId(), ZoneOffset.ofTotalSeconds(standardOffsetSeconds));
    }
}
