package io.billow.order;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A purchase: what was bought, at which list price, with which discount and coupon, and the
 * cash paid. Every order explains its amount.
 */
public record Order(String id, String accountId, String instanceId, OrderType type, OrderStatus status, String currency,
                    BigDecimal listPrice, BigDecimal discount, BigDecimal coupon, BigDecimal cashPaid, String explanation,
                    ObjectNode details, Instant createdAt, Instant updatedAt) {
}
