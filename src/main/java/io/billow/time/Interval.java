package io.billow.time;

import java.time.Instant;
import java.util.Optional;

/**
 * A half-open span of time {@code [start, end)} on whole seconds. Empty when start equals end.
 * Half-open intervals tile without overlap: the end of one period is the start of the next.
 */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (start.getNano() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("interval bounds must be whole seconds: " + start + ", " + end);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval ends before it starts: [" + start + ", " + end + ")");
        }
    }

    public static Interval of(Instant start, Instant end) {
        return new Interval(start, end);
    }

    public static Interval ofSeconds(Instant start, long seconds) {
        return new Interval(start, start.plusSeconds(seconds));
    }

    public long seconds() {
        return end.getEpochSecond() - start.getEpochSecond();
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** The common part of two intervals, if they share at least one second. */
    public Optional<Interval> overlap(Interval other) {
        long s = Math.max(start.getEpochSecond(), other.start.getEpochSecond());
        long e = Math.min(end.getEpochSecond(), other.end.getEpochSecond());
        return s < e ? Optional.of(new Interval(Instant.ofEpochSecond(s), Instant.ofEpochSecond(e))) : Optional.empty();
    }

    /** Seconds shared with {@code [otherStart, otherEnd)} given as epoch seconds; 0 when disjoint. */
    public long overlapSeconds(long otherStart, long otherEnd) {
        long s = Math.max(start.getEpochSecond(), otherStart);
        long e = Math.min(end.getEpochSecond(), otherEnd);
        return Math.max(0, e - s);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
