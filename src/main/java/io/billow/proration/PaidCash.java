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
        Unused u = Unused.of(spans, at, 1);
        BigDecimal value = spans.isEmpty() ? BigDecimal.ZERO : Rounding.prorated(u.numerator(), u.denominator()).max(BigDecimal.ZERO);
        return new Prorated(value, (spans.isEmpty() ? "nothing paid" : u.formula()) + " = " + value.toPlainString());
    }

    /**
     * A downgrade's refund (domain.md §8): what is still unused at {@code at} minus what the new
     * configuration costs for the remaining time at the term's discount, as one exact fraction
     * rounded once; never negative.
     */
    public static Prorated downgradeRefund(List<Span> spans, Instant at, BigDecimal newMonthlyNet, long remainingSeconds) {
        Unused u = Unused.of(spans, at, Proration.MONTH_SECONDS);
        BigDecimal newPart = newMonthlyNet.multiply(BigDecimal.valueOf(remainingSeconds))
                .multiply(u.denominator().divide(BigDecimal.valueOf(Proration.MONTH_SECONDS)));
        BigDecimal refund = Rounding.prorated(u.numerator().subtract(newPart), u.denominator()).max(BigDecimal.ZERO);
        return new Prorated(refund, "unused " + (spans.isEmpty() ? "0" : u.formula()) + " − " + newMonthlyNet.toPlainString()
                + " × " + remainingSeconds + " s ÷ " + Proration.MONTH_SECONDS + " s = " + refund.toPlainString());
    }

    /**
     * The unused cash as one exact fraction: numerator over the product of every span's length (and
     * {@code extra}, so that another fraction of that denominator can be subtracted exactly).
     */
    private record Unused(BigDecimal numerator, BigDecimal denominator, String formula) {

        static Unused of(List<Span> spans, Instant at, long extra) {
            BigDecimal denominator = BigDecimal.valueOf(extra);
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
            return new Unused(numerator, denominator, String.join(" + ", parts));
        }
    }

    private static long seconds(Instant from, Instant to) {
        return to.getEpochSecond() - from.getEpochSecond();
    }
}
