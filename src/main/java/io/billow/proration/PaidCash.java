package io.billow.proration;

import io.billow.money.Rounding;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cash value of a subscription term still unused at an instant (domain.md §8 and §9): each
 * paid order spreads its cash evenly over the interval it paid for, each refund already made
 * spreads its amount negatively from its instant to the term's end, and the unused value is the
 * part of each spread after the instant. Summed as one exact fraction, rounded once.
 */
public final class PaidCash {

    /** Cash paid (positive) or refunded (negative) for {@code [from, to)}. */
    public record Span(BigDecimal cash, Instant from, Instant to, String what) {
        public Span {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("a paid span must end after it starts: " + from + " → " + to);
            }
        }
    }

    private PaidCash() {
    }

    /** What is still unused at {@code at}, never negative, with the formula that made it. */
    public static Prorated remaining(List<Span> spans, Instant at) {
        BigDecimal denominator = BigDecimal.ONE;
        for (Span s : spans) {
            denominator = denominator.multiply(BigDecimal.valueOf(seconds(s.from(), s.to())));
        }
        BigDecimal numerator = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (Span s : spans) {
            long length = seconds(s.from(), s.to());
            long left = Math.max(0, s.to().getEpochSecond() - Math.max(at.getEpochSecond(), s.from().getEpochSecond()));
            left = Math.min(left, length);
            BigDecimal others = denominator.divide(BigDecimal.valueOf(length));
            numerator = numerator.add(s.cash().multiply(BigDecimal.valueOf(left)).multiply(others));
            parts.add(s.cash().toPlainString() + " × " + left + " s ÷ " + length + " s (" + s.what() + ")");
        }
        BigDecimal value = spans.isEmpty() ? BigDecimal.ZERO : Rounding.prorated(numerator, denominator).max(BigDecimal.ZERO);
        return new Prorated(value, (parts.isEmpty() ? "nothing paid" : String.join(" + ", parts)) + " = " + value.toPlainString());
    }

    /**
     * A downgrade's refund (domain.md §8): what is still unused at {@code at} minus what the new
     * configuration costs for the remaining time at the term's discount, as one exact fraction
     * rounded once; never negative.
     */
    public static Prorated downgradeRefund(List<Span> spans, Instant at, BigDecimal newMonthlyNet, long remainingSeconds) {
        BigDecimal denominator = BigDecimal.valueOf(Proration.MONTH_SECONDS);
        for (Span s : spans) {
            denominator = denominator.multiply(BigDecimal.valueOf(seconds(s.from(), s.to())));
        }
        BigDecimal numerator = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (Span s : spans) {
            long length = seconds(s.from(), s.to());
            long left = Math.min(length, Math.max(0, s.to().getEpochSecond() - Math.max(at.getEpochSecond(), s.from().getEpochSecond())));
            numerator = numerator.add(s.cash().multiply(BigDecimal.valueOf(left)).multiply(denominator.divide(BigDecimal.valueOf(length))));
            parts.add(s.cash().toPlainString() + " × " + left + " s ÷ " + length + " s (" + s.what() + ")");
        }
        BigDecimal newPart = newMonthlyNet.multiply(BigDecimal.valueOf(remainingSeconds))
                .multiply(denominator.divide(BigDecimal.valueOf(Proration.MONTH_SECONDS)));
        BigDecimal refund = Rounding.prorated(numerator.subtract(newPart), denominator).max(BigDecimal.ZERO);
        return new Prorated(refund, "unused " + (parts.isEmpty() ? "0" : String.join(" + ", parts)) + " − " + newMonthlyNet.toPlainString()
                + " × " + remainingSeconds + " s ÷ " + Proration.MONTH_SECONDS + " s = " + refund.toPlainString());
    }

    private static long seconds(Instant from, Instant to) {
        return to.getEpochSecond() - from.getEpochSecond();
    }
}
