package io.billow.instance;

import io.billow.store.Sha256;
import io.billow.timeline.InstanceSnapshot;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distinct snapshots, stored once each under the SHA-256 of their payload. A fleet has few of
 * them (instances alike in configuration share one), so an instance row refers to its latest
 * snapshot by id and settlement decodes each id once.
 */
public final class SnapshotStore {

    private SnapshotStore() {
    }

    /** The id of the stored snapshot with this payload, storing it if it is new. Safe under concurrent callers. */
    public static long idOf(Handle h, String payload) {
        Map<String, Long> known = IDS.computeIfAbsent(h.getJdbi(), j -> new ConcurrentHashMap<>());
        Long id = known.get(payload);
        if (id != null) {
            return id;
        }
        byte[] digest = Sha256.of(payload);
        long found = h.createQuery("INSERT INTO snapshots (digest, payload) VALUES (:d, :p) ON CONFLICT (digest) DO NOTHING RETURNING id")
                .bind("d", digest).bind("p", payload).mapTo(Long.class).findOne()
                .orElseGet(() -> h.createQuery("SELECT id FROM snapshots WHERE digest = :d").bind("d", digest).mapTo(Long.class).one());
        // Remembered once committed: a row this transaction wrote is gone if it rolls back.
        Runnable remember = () -> {
            if (known.size() >= MAX_SHARED) {
                known.clear();
            }
            known.put(payload, found);
        };
        if (h.isInTransaction()) {
            h.afterCommit(remember);
        } else {
            remember.run();
        }
        return found;
    }

    /** A limit on the snapshots {@link #decoded} remembers; past it the memory starts afresh. */
    private static final int MAX_SHARED = 10_000;
    private static final Map<Jdbi, Map<Long, InstanceSnapshot>> SHARED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Jdbi, Map<String, Long>> IDS = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The snapshot stored under an id, remembered by every thread using the same database: an id
     * never changes meaning (ids come from a sequence and are never reused), so nothing remembered
     * goes stale. Remembered per {@link Jdbi}, since one process may hold several databases.
     */
    public static InstanceSnapshot decoded(Handle h, long id) {
        Map<Long, InstanceSnapshot> shared = SHARED.computeIfAbsent(h.getJdbi(), j -> new ConcurrentHashMap<>());
        InstanceSnapshot known = shared.get(id);
        if (known != null) {
            return known;
        }
        InstanceSnapshot read = TimelineCodec.decodeSnapshot(
                h.createQuery("SELECT payload FROM snapshots WHERE id = :id").bind("id", id).mapTo(String.class).one());
        if (shared.size() >= MAX_SHARED) {
            shared.clear();
        }
        shared.put(id, read);
        return read;
    }

    /**
     * Decoded snapshots by id, remembered: an id never changes meaning, so nothing cached goes
     * stale. Bounded; for one thread.
     */
    public static final class Cache {

        /** A limit on remembered snapshots; past it the cache starts afresh. */
        static final int MAX_ENTRIES = 100_000;

        private final Map<Long, InstanceSnapshot> known = new HashMap<>();

        /** Makes sure every one of {@code ids} is known, reading the missing ones in one query. */
        public void load(Handle h, Collection<Long> ids) {
            List<Long> missing = missing(ids);
            if (missing.isEmpty()) {
                return;
            }
            if (known.size() + missing.size() > MAX_ENTRIES) {
                known.clear();
                missing = missing(ids);
            }
            h.createQuery("SELECT id, payload FROM snapshots WHERE id IN (<ids>)").bindList("ids", missing)
                    .map((rs, ctx) -> known.put(rs.getLong(1), TimelineCodec.decodeSnapshot(rs.getString(2))))
                    .forEach(x -> { });
        }

        private List<Long> missing(Collection<Long> ids) {
            List<Long> missing = new ArrayList<>();
            for (Long id : new java.util.HashSet<>(ids)) {
                if (!known.containsKey(id)) {
                    missing.add(id);
                }
            }
            return missing;
        }

        /** A snapshot {@link #load} has made known. */
        public InstanceSnapshot get(long id) {
            InstanceSnapshot s = known.get(id);
            if (s == null) {
                throw new IllegalStateException("snapshot " + id + " was not loaded");
            }
            return s;
        }
    }
}
