package io.billow.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/accounts on a server of its own (the list spans every account there is): pages in
 * id order that together hold each account once, a search by name or id, and tenants refused.
 */
class AccountListApiTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-06-01T00:00:00Z"));

    @Test
    void pagesWalkEveryAccountOnceInIdOrderAndASearchNarrowsByNameOrId() {
        List<String> created = new ArrayList<>();
        for (String name : List.of("Acme Ltd ~t1", "acme labs ~t1", "Blue_Sky ~t1", "Blue Sky 100% ~t1", "Zed ~t1")) {
            created.add(create(name));
        }
        ApiClient op = SERVER.operator();

        List<String> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = "";
        JsonNode page;
        do {
            // Narrowed to this test's accounts: the other test's tenant lives on the same server.
            page = ok(op.get("/api/v1/accounts?q=~t1&limit=2&after=" + after));
            sizes.add(page.get("accounts").size());
            page.get("accounts").forEach(a -> walked.add(a.get("accountId").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(walked).containsExactlyElementsOf(created.stream().sorted().toList());

        assertThat(names(ok(op.get("/api/v1/accounts?q=ACME")))).containsExactlyInAnyOrder("Acme Ltd ~t1", "acme labs ~t1");
        // LIKE's wildcards are matched as themselves: "_" is not "any character", "%" is not "anything".
        assertThat(names(ok(op.get("/api/v1/accounts?q=e_s")))).containsExactly("Blue_Sky ~t1");
        assertThat(names(ok(op.get("/api/v1/accounts?q=%25")))).containsExactly("Blue Sky 100% ~t1");
        assertThat(names(ok(op.get("/api/v1/accounts?q=" + created.get(4))))).containsExactly("Zed ~t1");
        JsonNode one = ok(op.get("/api/v1/accounts?q=Zed")).get("accounts").get(0);
        assertThat(one.get("currency").asText()).isEqualTo("USD");
        assertThat(one.get("balance").asText()).isEqualTo("25.000000");
        assertThat(one.get("overdueSince").isNull()).isTrue();
    }

    @Test
    void aTenantIsRefusedAndBadParametersAreClearRefusals() {
        TestServer.Tenant tenant = SERVER.newTenant("USD", "10");
        ApiClient.Response asTenant = tenant.api().get("/api/v1/accounts");
        assertThat(asTenant.status()).isEqualTo(403);
        assertThat(asTenant.body().get("code").asText()).isEqualTo("Forbidden");

        ApiClient op = SERVER.operator();
        for (String query : List.of("limit=0", "limit=201", "limit=ten", "q=" + "x".repeat(101))) {
            ApiClient.Response r = op.get("/api/v1/accounts?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.body().get("code").asText()).as(query).isEqualTo("InvalidParameter");
            assertThat(r.body().get("message").asText()).as(query).isNotBlank();
        }
    }

    private static String create(String name) {
        ApiClient.Response r = SERVER.operator().post("/api/v1/accounts", "{\"name\":\"" + name + "\",\"currency\":\"USD\",\"balance\":25}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("accountId").asText();
    }

    private static JsonNode ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    private static List<String> names(JsonNode page) {
        return StreamSupport.stream(page.get("accounts").spliterator(), false).map(a -> a.get("name").asText()).toList();
    }
}
