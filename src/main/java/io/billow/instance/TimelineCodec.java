package io.billow.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.timeline.Endpoint;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Timeline events to and from the JSON payloads stored in {@code timeline_events}. */
public final class TimelineCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineCodec() {
    }

    public static String encode(TimelineEvent event) {
        ObjectNode n = JSON.createObjectNode();
        if (event instanceof TimelineEvent.Created e) {
            writeSnapshot(n, e.initial());
        } else if (event instanceof TimelineEvent.StateChanged e) {
            n.put("state", e.state());
        } else if (event instanceof TimelineEvent.SpecChanged e) {
            n.put("class", e.instanceClass()).put("storageGb", e.storageGb()).put("storageType", e.storageType());
        } else if (event instanceof TimelineEvent.BillingMethodChanged e) {
            n.put("method", e.method().name()).put("class", e.instanceClass());
        } else if (event instanceof TimelineEvent.EditionChanged e) {
            n.put("edition", e.edition()).put("class", e.instanceClass());
        } else if (event instanceof TimelineEvent.RcuRangeChanged e) {
            n.put("min", e.min().toPlainString()).put("max", e.max().toPlainString());
        } else if (event instanceof TimelineEvent.RcuSampled e) {
            n.put("rcu", e.rcu().toPlainString());
        } else if (event instanceof TimelineEvent.ResourceCountChanged e) {
            n.put("resource", e.resource()).put("count", e.count());
        } else if (event instanceof TimelineEvent.EndpointAdded e) {
            n.put("endpoint", e.endpointId()).put("billsOwner", e.billsOwner());
        } else if (event instanceof TimelineEvent.EndpointMarked e) {
            n.put("endpoint", e.endpointId());
        } else if (event instanceof TimelineEvent.EndpointDeleted e) {
            n.put("endpoint", e.endpointId());
        } else if (event instanceof TimelineEvent.UsageRecorded e) {
            n.put("item", e.item()).put("quantity", e.quantity().toPlainString()).put("eventId", e.eventId());
            e.endpointId().ifPresent(id -> n.put("endpoint", id));
        }
        return n.toString();
    }

    public static TimelineEvent decode(String kind, Instant at, String payload) {
        return decode(kind, at, parse(payload));
    }

    /** A whole snapshot, as the instances row keeps the latest one for settlement. */
    public static String encodeSnapshot(InstanceSnapshot s) {
        ObjectNode n = JSON.createObjectNode();
        writeSnapshot(n, s);
        return n.toString();
    }

    public static InstanceSnapshot decodeSnapshot(String payload) {
        return readSnapshot(parse(payload));
    }

    /**
     * Every field of a snapshot. A created event writes the same fields (a new instance's state,
     * original class, sample and endpoints have their defaults), so one reader serves both; events
     * stored before the state fields were written read with those defaults.
     */
    private static void writeSnapshot(ObjectNode n, InstanceSnapshot s) {
        n.put("product", s.product()).put("region", s.region()).put("edition", s.edition()).put("class", s.instanceClass())
                .put("method", s.method().name()).put("storageGb", s.storageGb()).put("storageType", s.storageType())
                .put("rcuMinHalves", s.rcuMinHalves()).put("rcuMaxHalves", s.rcuMaxHalves());
        ObjectNode counts = n.putObject("counts");
        new TreeMap<>(s.counts()).forEach(counts::put);
        if (!s.state().equals("Running") || !s.stateEntryClass().equals(s.instanceClass())) {
            n.put("state", s.state()).put("stateEntryClass", s.stateEntryClass());
        }
        if (s.rcuSampleHalves() >= 0) {
            n.put("rcuSampleHalves", s.rcuSampleHalves());
        }
        if (!s.endpoints().isEmpty()) {
            ArrayNode endpoints = n.putArray("endpoints");
            for (Endpoint e : s.endpoints()) {
                endpoints.addObject().put("id", e.id()).put("billsOwner", e.billsOwner()).put("toBeUnpublished", e.toBeUnpublished());
            }
        }
    }

    private static InstanceSnapshot readSnapshot(JsonNode n) {
        String cls = n.get("class").asText();
        Map<String, Long> counts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("counts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            counts.put(c.getKey(), c.getValue().asLong());
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode e : n.path("endpoints")) {
            endpoints.add(new Endpoint(e.get("id").asText(), e.get("billsOwner").asBoolean(), e.get("toBeUnpublished").asBoolean()));
        }
        return new InstanceSnapshot(n.get("product").asText(), n.get("region").asText(), n.get("edition").asText(), cls,
                BillingMethod.valueOf(n.get("method").asText()), n.path("state").asText("Running"),
                n.path("stateEntryClass").asText(cls), n.get("storageGb").asInt(), n.get("storageType").asText(),
                n.path("rcuMinHalves").asInt(0), n.path("rcuMaxHalves").asInt(0), n.path("rcuSampleHalves").asInt(-1),
                counts, endpoints);
    }

    /**
     * Decodes payloads, remembering the parsed form of those seen before: a fleet's creation
     * payloads repeat by shape (they name no instance), so settlement parses each shape once.
     * Bounded; for one thread.
     */
    public static final class Decoder {

        /** A limit on remembered payloads; past it the memo starts afresh. */
        static final int MAX_ENTRIES = 4_096;

        private final Map<String, JsonNode> parsed = new HashMap<>();
        public TimelineEvent decode(String kind, Instant at, String payload) {
            JsonNode n = parsed.get(payload);
            if (n == null) {
                n = parse(payload);
                if (parsed.size() >= MAX_ENTRIES) {
                    parsed.clear();
                }
                parsed.put(payload, n);
            }
            return TimelineCodec.decode(kind, at, n);
        }
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException("corrupt timeline payload: " + payload, e);
        }
    }

    private static TimelineEvent decode(String kind, Instant at, JsonNode n) {
        switch (kind) {
            case "created":
                return new TimelineEvent.Created(at, readSnapshot(n));
            case "state-changed":
                return new TimelineEvent.StateChanged(at, n.get("state").asText());
            case "spec-changed":
                return new TimelineEvent.SpecChanged(at, n.get("class").asText(), n.get("storageGb").asInt(), n.get("storageType").asText());
            case "billing-method-changed":
                return new TimelineEvent.BillingMethodChanged(at, BillingMethod.valueOf(n.get("method").asText()), n.get("class").asText());
            case "edition-changed":
                return new TimelineEvent.EditionChanged(at, n.get("edition").asText(), n.get("class").asText());
            case "rcu-range-changed":
                return new TimelineEvent.RcuRangeChanged(at, new BigDecimal(n.get("min").asText()), new BigDecimal(n.get("max").asText()));
            case "rcu-sampled":
                return new TimelineEvent.RcuSampled(at, new BigDecimal(n.get("rcu").asText()));
            case "resource-count-changed":
                return new TimelineEvent.ResourceCountChanged(at, n.get("resource").asText(), n.get("count").asLong());
            case "endpoint-added":
                return new TimelineEvent.EndpointAdded(at, n.get("endpoint").asText(), n.get("billsOwner").asBoolean());
            case "endpoint-marked":
                return new TimelineEvent.EndpointMarked(at, n.get("endpoint").asText());
            case "endpoint-deleted":
                return new TimelineEvent.EndpointDeleted(at, n.get("endpoint").asText());
            case "usage-recorded":
                return new TimelineEvent.UsageRecorded(at, n.get("item").asText(), new BigDecimal(n.get("quantity").asText()),
                        n.get("eventId").asText(), java.util.Optional.ofNullable(n.get("endpoint")).map(JsonNode::asText));
            case "released":
                return new TimelineEvent.Released(at);
            default:
                throw new IllegalStateException("unknown timeline event kind " + kind);
        }
    }
}
