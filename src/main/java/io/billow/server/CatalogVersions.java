package io.billow.server;

import io.billow.store.Sha256;

import io.billow.catalog.Catalog;
import io.billow.catalog.PriceEntry;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.TreeSet;

/**
 * Records each distinct catalog a server has run with (by digest of its products and prices), so
 * that an operator can tell which price book was in force when a bill was made.
 */
final class CatalogVersions {

    private CatalogVersions() {
    }

    static String record(Jdbi jdbi, Catalog catalog, Instant now) {
        StringBuilder text = new StringBuilder();
        new TreeSet<>(catalog.products().keySet()).forEach(p -> text.append("product ").append(p).append('\n'));
        for (PriceEntry e : catalog.prices().entries()) {
            text.append(e.id()).append(' ').append(e.unitPrice().toPlainString()).append('\n');
        }
        String digest = Sha256.hex(text.toString());
        String summary = "{\"products\":" + catalog.products().size() + ",\"prices\":" + catalog.prices().entries().size() + "}";
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO catalog_versions (digest, loaded_at, summary) VALUES (:d, :at, CAST(:s AS jsonb)) "
                + "ON CONFLICT (digest) DO NOTHING").bind("d", digest).bind("at", Timestamp.from(now)).bind("s", summary).execute());
        return digest;
    }
}
