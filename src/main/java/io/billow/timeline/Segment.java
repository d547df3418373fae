package io.billow.timeline;

/**
 * A stretch of an instance's life over which its snapshot does not change:
 * {@code [start, end)} in epoch seconds. The last segment of a live instance is open
 * ({@code end == Long.MAX_VALUE}). {@code eventIndex} is the timeline event that produced the snapshot.
 */
public record Segment(long start, long end, InstanceSnapshot snapshot, int eventIndex) {

    public long overlapSeconds(long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
}
