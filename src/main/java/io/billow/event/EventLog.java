package io.billow.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Every lifecycle change, order, bill and warning as a queryable event, written in the same
 * transaction as the change it reports (so an event exists if and only if its change does).
 */
public final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLog() {
    }

    public static ObjectNode payload() {
        return JSON.createObjectNode();
    }

    public static void emit(Handle h, String accountId, String instanceId, String type, Instant at, ObjectNode payload) {
        h.createUpdate("INSERT INTO events (account_id, instance_id, type, at, payload) VALUES (:a, :i, :t, :at, CAST(:p AS jsonb))")
                .bind("a", accountId).bind("i", instanceId).bind("t", type).bind("at", Timestamp.from(at)).bind("p", payload.toString())
                .execute();
    }
}
