package io.billow.rating;

import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the free parts allocated to usage events (by event id) into what the rater reads: by the event's index in a timeline. */
public final class QuotaGrants {

    private QuotaGrants() {
    }

    public static Map<Integer, BigDecimal> byEventIndex(Timeline timeline, Map<String, BigDecimal> freeByEventId) {
        if (freeByEventId.isEmpty()) {
            return Map.of();
        }
        Map<Integer, BigDecimal> out = new HashMap<>();
        List<TimelineEvent> events = timeline.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TimelineEvent.UsageRecorded u) {
                BigDecimal free = freeByEventId.get(u.eventId());
                if (free != null) {
                    out.put(i, free);
                }
            }
        }
        return out;
    }
}
