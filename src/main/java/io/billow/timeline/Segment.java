package io.billow.timeline;

import java.util.List;

/**
 * A stretch of an instance's life over which its snapshot does not change:
 * {@code [start, end)} in epoch seconds. The last segment of a live instance is open
 * ({@code end == Long.MAX_VALUE}). {@code eventIndex} is the timeline event that produced the snapshot.
 */
public record Segment(long start, long end, InstanceSnapshot snapshot, int eventIndex) {

    public long overlapSeconds(long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }

    /** Index of the first of {@code segments} (in time order) that ends after {@code epochSecond}. */
    public static int firstEndingAfter(List<Segment> segments, long epochSecond) {
        int lo = 0;
        int hi = segments.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (segments.get(mid).end() <= epochSecond) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
