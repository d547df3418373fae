package io.billow.rating;

import io.billow.time.Interval;

import java.math.BigDecimal;
import java.util.List;

/**
 * Why a line has its amount: the stretches of the timeline that accrued (with the event that
 * set each rate) and the price-book entry. The formula with its figures is
 * {@link BillLine#formula()}.
 *
 * @param notes why the line is there when the timeline alone does not say it plainly (an endpoint kept after an upgrade)
 */
public record Explanation(List<Part> parts, String priceEntryId, String priceSource, List<String> notes) {

    public Explanation {
        parts = List.copyOf(parts);
        notes = List.copyOf(notes);
    }

    public Explanation(List<Part> parts, String priceEntryId, String priceSource) {
        this(parts, priceEntryId, priceSource, List.of());
    }

    /** One stretch: {@code rate} units per second over [start, end) (epoch seconds), set by timeline event {@code eventIndex}. */
    public record Part(long start, long end, BigDecimal rate, int eventIndex) {

        public Interval interval() {
            return Interval.of(java.time.Instant.ofEpochSecond(start), java.time.Instant.ofEpochSecond(end));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("price ").append(priceEntryId);
        if (priceSource != null && !priceSource.isEmpty()) {
            sb.append(" (").append(priceSource).append(')');
        }
        for (String note : notes) {
            sb.append("; why: ").append(note);
        }
        for (Part p : parts) {
            sb.append("; ").append(p.interval()).append(" at ").append(p.rate().toPlainString())
                    .append(" (event #").append(p.eventIndex()).append(')');
        }
        return sb.toString();
    }
}
