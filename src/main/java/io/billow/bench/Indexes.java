package io.billow.bench;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.function.Supplier;

/**
 * A bulk load with a table's indexes and keys out of the way: dropped first and built again from
 * their own definitions afterwards, which sorts once instead of inserting row by row into each.
 */
final class Indexes {

    private Indexes() {
    }

    static <T> T without(Handle h, List<String> tables, Supplier<T> load) {
        String[] names = tables.toArray(String[]::new);
        List<String[]> keys = h.createQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        + "WHERE conrelid::regclass::text = ANY(:t) AND contype IN ('p', 'u') ORDER BY conname")
                .bind("t", names).map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        List<String[]> indexes = h.createQuery("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                        + "WHERE indrelid::regclass::text = ANY(:t) "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = indexrelid) ORDER BY 1")
                .bind("t", names).map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        for (String[] k : keys) {
            h.execute("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1]);
        }
        for (String[] i : indexes) {
            h.execute("DROP INDEX " + i[0]);
        }
        T result = load.get();
        for (String[] k : keys) {
            h.execute("ALTER TABLE " + k[0] + " ADD CONSTRAINT " + k[1] + " " + k[2]);
        }
        for (String[] i : indexes) {
            h.execute(i[1]);
        }
        return result;
    }
}
