package io.billow.instance;

import io.billow.catalog.BillingMethod;
import io.billow.server.TestServer;
import io.billow.timeline.Endpoint;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots as instance rows keep them: every field survives storage, and each distinct one is stored once. */
class SnapshotStorageTest {

    /** A snapshot with every field away from its default. */
    private static final InstanceSnapshot BUSY = new InstanceSnapshot("rocketmq-5", "cn-hangzhou", "Professional", "rmq.p2.4xlarge",
            BillingMethod.SERVERLESS, "Upgrading", "rmq.p2.2xlarge", 300, "cloud_essd", 2, 32, 7,
            Map.of("topics", 120L, "groups", 9L), List.of(new Endpoint("ep-1", true, false), new Endpoint("ep-2", false, true)));

    @Test
    void everyFieldOfASnapshotSurvivesItsPayload() {
        InstanceSnapshot plain = InstanceSnapshot.created("rds-postgresql", "cn-hangzhou", "Basic", "pg.n2.small.1",
                BillingMethod.PAY_AS_YOU_GO, 20, "cloud_essd");

        assertThat(TimelineCodec.decodeSnapshot(TimelineCodec.encodeSnapshot(BUSY))).isEqualTo(BUSY);
        assertThat(TimelineCodec.decodeSnapshot(TimelineCodec.encodeSnapshot(plain))).isEqualTo(plain);
        // the same snapshot always has the same payload, whatever order its counts were built in
        InstanceSnapshot reordered = BUSY.withCount("groups", 9).withCount("topics", 120);
        assertThat(TimelineCodec.encodeSnapshot(reordered)).isEqualTo(TimelineCodec.encodeSnapshot(BUSY));
    }

    @Test
    void aCreatedEventStoredBeforeSnapshotsHadStateFieldsReadsWithTheirDefaults() {
        String stored = "{\"product\":\"adb\",\"region\":\"cn-hangzhou\",\"edition\":\"elastic\",\"class\":\"4c\",\"method\":\"PAY_AS_YOU_GO\","
                + "\"storageGb\":100,\"storageType\":\"cloud_essd\",\"rcuMinHalves\":0,\"rcuMaxHalves\":0,\"counts\":{\"topics\":3}}";
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        TimelineEvent e = TimelineCodec.decode("created", at, stored);

        assertThat(e).isEqualTo(new TimelineEvent.Created(at, InstanceSnapshot.created("adb", "cn-hangzhou", "elastic", "4c",
                BillingMethod.PAY_AS_YOU_GO, 100, "cloud_essd").withCount("topics", 3)));
    }

    @Test
    void aSnapshotIsStoredOnceWhoeverStoresItAndWhenever() throws Exception {
        Jdbi jdbi = TestServer.get().jdbi();
        String payload = TimelineCodec.encodeSnapshot(BUSY.withCount("probe-" + UUID.randomUUID(), 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Long> store = () -> jdbi.inTransaction(h -> SnapshotStore.idOf(h, payload));
            List<Future<Long>> ids = pool.invokeAll(List.of(store, store, store, store));
            long first = ids.get(0).get();
            for (Future<Long> id : ids) {
                assertThat(id.get()).isEqualTo(first);
            }
            long other = jdbi.inTransaction(h -> SnapshotStore.idOf(h, TimelineCodec.encodeSnapshot(BUSY.withRcuSample(9))));
            assertThat(other).isNotEqualTo(first);
            long stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM snapshots WHERE payload = :p").bind("p", payload)
                    .mapTo(Long.class).one());
            assertThat(stored).isEqualTo(1);

            SnapshotStore.Cache cache = new SnapshotStore.Cache();
            jdbi.useHandle(h -> cache.load(h, List.of(first, other, first)));
            assertThat(cache.get(first)).isEqualTo(TimelineCodec.decodeSnapshot(payload));
            assertThat(cache.get(other)).isEqualTo(BUSY.withRcuSample(9));
        } finally {
            pool.shutdownNow();
        }
    }
}
