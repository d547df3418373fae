package io.billow.bench;

import org.jdbi.v3.core.Jdbi;

/**
 * WAL written by the whole database server so far: bytes and full-page images. A write whose
 * index pages are spread over a large table writes a full image of each page it touches first
 * after a checkpoint, so these say whether a step's cost is the data itself or the pages it lands on.
 */
final class WalMeter {

    record Reading(long bytes, long fullPages) {

        Reading minus(Reading earlier) {
            return new Reading(bytes - earlier.bytes, fullPages - earlier.fullPages);
        }

        String describe() {
            return String.format("WAL %,d MB, %,d full-page images", bytes >> 20, fullPages);
        }
    }

    private WalMeter() {
    }

    static Reading now(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT wal_bytes::bigint, wal_fpi FROM pg_stat_wal")
                .map((rs, ctx) -> new Reading(rs.getLong(1), rs.getLong(2))).one());
    }
}
