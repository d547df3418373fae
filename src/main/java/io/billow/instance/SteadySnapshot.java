package io.billow.instance;

import io.billow.timeline.Timeline;

import java.time.Instant;

/**
 * What an instance's row keeps of its timeline for settlement: the snapshot its last event made
 * (encoded), with that event's time and index. Null for a released instance.
 */
public record SteadySnapshot(String payload, Instant since, int eventIndex) {

    public static SteadySnapshot of(Timeline timeline) {
        return timeline.openSegment()
                .map(open -> new SteadySnapshot(TimelineCodec.encodeSnapshot(open.snapshot()), Instant.ofEpochSecond(open.start()),
                        open.eventIndex()))
                .orElse(null);
    }
}
