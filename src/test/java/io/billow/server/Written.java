package io.billow.server;

import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * What an account has written, row by row, and one instance's timeline: taken before and after a
 * refused request, the two must be equal ("nothing was written").
 */
record Written(String account, List<Long> rows, String timeline) {

    private static final List<String> PER_ACCOUNT = List.of("instances", "orders", "coupons", "ledger_entries", "events", "webhooks",
            "operations_of_account", "access_keys", "idempotency_records");

    static Written of(TestServer.Tenant tenant, String instanceId) {
        return of(TestServer.get().jdbi(), tenant.accountId(), instanceId);
    }

    static Written of(Jdbi jdbi, String accountId, String instanceId) {
        return jdbi.withHandle(h -> {
            String account = h.createQuery("SELECT row_to_json(a)::text FROM accounts a WHERE id = :a").bind("a", accountId)
                    .mapTo(String.class).one();
            List<Long> rows = PER_ACCOUNT.stream().map(table -> h.createQuery(count(table)).bind("a", accountId)
                    .mapTo(Long.class).one()).toList();
            String timeline = instanceId == null ? "" : h.createQuery("SELECT coalesce(string_agg(kind || ' ' || payload::text, '; ' "
                            + "ORDER BY seq), '') FROM timeline_events WHERE instance_id = :i").bind("i", instanceId)
                    .mapTo(String.class).one();
            return new Written(account, rows, timeline);
        });
    }

    private static String count(String table) {
        return switch (table) {
            case "operations_of_account" -> "SELECT count(*) FROM operations o JOIN instances i ON i.id = o.instance_id WHERE i.account_id = :a";
            default -> "SELECT count(*) FROM " + table + " WHERE account_id = :a";
        };
    }
}
