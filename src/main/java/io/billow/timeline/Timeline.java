package io.billow.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An instance's life: an append-only list of events in time order, and the segments of
 * constant snapshot they make. Invariants are checked on append, where data enters.
 */
public final class Timeline {

    private final String instanceId;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private InstanceSnapshot current;
    private boolean released;

    public Timeline(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * A timeline from stored events in arrival order. Usage samples may arrive late, after events
     * that happened later, so events are put in time order first (stably: same-second events keep
     * their arrival order).
     */
    public static Timeline of(String instanceId, List<? extends TimelineEvent> events) {
        List<TimelineEvent> ordered = new ArrayList<>(events);
        ordered.sort(java.util.Comparator.comparing(TimelineEvent::at));
        Timeline t = new Timeline(instanceId);
        for (TimelineEvent e : ordered) {
            t.append(e);
        }
        return t;
    }

    /** Where a live timeline stands after more events: its current snapshot, last event time, and whether it ended. */
    public record Tail(InstanceSnapshot current, Instant lastAt, boolean released) {
    }

    /**
     * The tail a live timeline whose last event, at {@code lastAt}, made {@code current} has after
     * {@code more}, computed without its earlier events: what {@link #of} followed by
     * {@link #current} gives on the whole list, by the same rules. Empty when one of {@code more}
     * is earlier than {@code lastAt}: a late sample re-sorts the timeline, which is then read whole.
     */
    public static Optional<Tail> continueFrom(String instanceId, InstanceSnapshot current, Instant lastAt,
                                              List<? extends TimelineEvent> more) {
        List<TimelineEvent> ordered = new ArrayList<>(more);
        ordered.sort(java.util.Comparator.comparing(TimelineEvent::at));
        if (!ordered.isEmpty() && ordered.get(0).at().isBefore(lastAt)) {
            return Optional.empty();
        }
        InstanceSnapshot snapshot = current;
        Instant at = lastAt;
        boolean released = false;
        for (TimelineEvent e : ordered) {
            if (e.at().getNano() != 0) {
                throw new IllegalArgumentException("event instants are whole seconds: " + e.at());
            }
            if (e instanceof TimelineEvent.Created) {
                throw new IllegalArgumentException("instance " + instanceId + " is already created");
            }
            if (released) {
                throw new IllegalArgumentException("instance " + instanceId + " is released; no event may follow");
            }
            snapshot = e.applyTo(snapshot);
            at = e.at();
            released = e instanceof TimelineEvent.Released;
        }
        return Optional.of(new Tail(snapshot, at, released));
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * Appends an event. It must not be earlier than the last one; the first must be
     * {@link TimelineEvent.Created}; nothing follows {@link TimelineEvent.Released}.
     */
    public Timeline append(TimelineEvent event) {
        Instant at = event.at();
        if (at.getNano() != 0) {
            throw new IllegalArgumentException("event instants are whole seconds: " + at);
        }
        if (events.isEmpty() != (event instanceof TimelineEvent.Created)) {
            throw new IllegalArgumentException(events.isEmpty()
                    ? "a timeline starts with a created event, not " + event.kind()
                    : "instance " + instanceId + " is already created");
        }
        if (released) {
            throw new IllegalArgumentException("instance " + instanceId + " is released; no event may follow");
        }
        if (!events.isEmpty() && at.isBefore(last().at())) {
            throw new IllegalArgumentException("event at " + at + " is earlier than the last one at " + last().at());
        }
        long second = at.getEpochSecond();
        InstanceSnapshot next = event.applyTo(current);
        if (!segments.isEmpty()) {
            Segment open = segments.remove(segments.size() - 1);
            if (open.start() < second) {
                segments.add(new Segment(open.start(), second, open.snapshot(), open.eventIndex()));
            }
        }
        events.add(event);
        current = next;
        if (event instanceof TimelineEvent.Released) {
            released = true;
        } else {
            segments.add(new Segment(second, Long.MAX_VALUE, next, events.size() - 1));
        }
        return this;
    }

    private TimelineEvent last() {
        return events.get(events.size() - 1);
    }

    public List<TimelineEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Segments of constant snapshot in time order; empty ones (two events in one second) are dropped. */
    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    public InstanceSnapshot current() {
        return current;
    }

    public boolean isReleased() {
        return released;
    }

    public Instant createdAt() {
        return events.get(0).at();
    }

    /** The segment a live instance is in from its last event on; empty once released. */
    public Optional<Segment> openSegment() {
        return released || segments.isEmpty() ? Optional.empty() : Optional.of(segments.get(segments.size() - 1));
    }
}
