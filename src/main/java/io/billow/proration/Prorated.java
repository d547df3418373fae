package io.billow.proration;

import java.math.BigDecimal;

/** A prorated fee or refund and the arithmetic that made it. */
public record Prorated(BigDecimal amount, String formula) {
}
