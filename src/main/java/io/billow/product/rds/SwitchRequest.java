package io.billow.product.rds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A pay-as-you-go ↔ serverless switch as ModifyDBInstanceSpec asks for it.
 *
 * @param targetMethod  Serverless or PayAsYouGo
 * @param effective     Immediate, MaintainTime or ScheduleTime
 * @param switchAt      the instant for ScheduleTime
 */
public record SwitchRequest(String targetMethod, String targetClass, BigDecimal minCapacity, BigDecimal maxCapacity,
                            Boolean autoPause, Boolean switchForce, String effective, Instant switchAt) {
}
