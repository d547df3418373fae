package io.billow.catalog;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogLoaderTest {

    @Test
    void theShippedCatalogLoadsFromTheDirectoryAndFromTheClasspathAlike() {
        Catalog dir = CatalogLoader.fromDirectory(Path.of("catalog"));
        Catalog jar = CatalogLoader.fromClasspath();
        assertThat(dir.products().keySet()).containsExactlyInAnyOrder("rds-postgresql", "rocketmq-4", "rocketmq-5",
                "analyticdb-postgresql", "polardb-postgresql");
        assertThat(jar.products().keySet()).isEqualTo(dir.products().keySet());
        assertThat(jar.prices().entries()).hasSameSizeAs(dir.prices().entries());
    }

    @Test
    void spotChecksOfTheShippedFigures() {
        Catalog c = CatalogLoader.fromClasspath();
        Product rds = c.product("rds-postgresql").orElseThrow();
        assertThat(rds.item("rcu").orElseThrow().multiplier("HighAvailability")).isEqualTo(2);
        assertThat(rds.instanceClass("pg.n2.serverless.2c").orElseThrow().edition()).contains("HighAvailability");
        assertThat(rds.rule("Suspended", "rcu")).isEmpty();
        Product adb = c.product("analyticdb-postgresql").orElseThrow();
        assertThat(adb.rule("Scaling", "compute")).contains(SpecRule.ORIGINAL);
        assertThat(adb.rule("Paused", "compute")).isEmpty();
        assertThat(c.product("rocketmq-5").orElseThrow().item("clients").orElseThrow().freeQuota("dedicated.d2")).isEqualTo(100_000);
        assertThat(c.product("rocketmq-4").orElseThrow().item("api_calls").orElseThrow().quotaScope()).isEqualTo(QuotaScope.ACCOUNT);
        assertThat(c.prices().priceAt("polardb-postgresql", "subscription", "cn-hangzhou", "polar.pg.x8.2xlarge", "USD",
                Instant.parse("2026-01-01T00:00:00Z")).orElseThrow().unitPrice()).isEqualByComparingTo("14400");
        PriceEntry e = c.prices().priceAt("rds-postgresql", "rcu", "cn-hangzhou", "*", "USD", Instant.parse("2026-01-01T00:00:00Z")).orElseThrow();
        assertThat(e.sample()).isTrue();
        assertThat(e.source()).startsWith("catalog/rds-postgresql.yaml:");
    }

    private static final String GOOD_HEAD = String.join("\n",
            "product: p",
            "editions:",
            "  E: {methods: [PayAsYouGo]}",
            "classes:",
            "  c1: {edition: E, methods: [PayAsYouGo], cores: 1}",
            "items:",
            "  compute: {measure: INSTANCE, granularity: SECOND, spec: CLASS, methods: [PayAsYouGo], pricedPer: hour}",
            "states:",
            "  Running: {compute: CURRENT}",
            "prices:",
            "");

    private static void refused(String yaml, String expected) {
        assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/p.yaml", yaml))))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).errors()).contains(expected));
    }

    @Test
    void aGoodFileLoads() {
        Catalog c = CatalogLoader.fromTexts(List.of(Map.entry("catalog/p.yaml",
                GOOD_HEAD + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"0.1234567891\"}\n")));
        assertThat(c.prices().entries().get(0).unitPrice()).isEqualByComparingTo("0.1234567891");
    }

    @Test
    void anUnknownItemInAPriceIsRefusedWithFileAndLine() {
        refused(GOOD_HEAD + "  - {item: cpu, spec: c1, currency: USD, unitPrice: \"1\"}\n",
                "catalog/p.yaml:11: unknown item 'cpu' in price (known items: compute)");
    }

    @Test
    void aNegativePriceIsRefused() {
        refused(GOOD_HEAD + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"-1\"}\n", "catalog/p.yaml:11: negative unit price -1");
    }

    @Test
    void aPriceWithMoreThanTenDecimalsIsRefused() {
        refused(GOOD_HEAD + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"0.12345678901\"}\n",
                "catalog/p.yaml:11: unit price 0.12345678901 has more than ten decimals");
    }

    @Test
    void aMissingOrMalformedCurrencyIsRefused() {
        refused(GOOD_HEAD + "  - {item: compute, spec: c1, unitPrice: \"1\"}\n", "catalog/p.yaml:11: price is missing 'currency'");
        refused(GOOD_HEAD + "  - {item: compute, spec: c1, currency: usd, unitPrice: \"1\"}\n",
                "catalog/p.yaml:11: currency must be three capital letters such as USD, got 'usd'");
    }

    @Test
    void overlappingVersionsAreRefusedNamingBothLines() {
        refused(GOOD_HEAD + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"1\", from: 2026-01-01T00:00:00Z}\n"
                        + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"2\", from: 2026-01-01T00:00:00Z}\n",
                "catalog/p.yaml:12: overlapping price versions: compute at spec c1 in region * and USD takes effect at "
                        + "2026-01-01T00:00:00Z both here and at catalog/p.yaml:11");
    }

    @Test
    void anHourBilledAtItsLastSecondIsAnHourItemsChoice() {
        Catalog c = CatalogLoader.fromTexts(List.of(Map.entry("catalog/p.yaml", GOOD_HEAD.replace("granularity: SECOND",
                "granularity: HOUR, hourAt: last") + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"1\"}\n")));
        assertThat(c.product("p").orElseThrow().items().get(0).conditions().hourAtLast()).isTrue();
        for (String wrong : List.of("granularity: SECOND, hourAt: last", "granularity: HOUR, hourAt: first")) {
            assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/p.yaml", GOOD_HEAD.replace("granularity: SECOND", wrong)))))
                    .isInstanceOf(CatalogException.class)
                    .satisfies(e -> assertThat(((CatalogException) e).errors()).anyMatch(m -> m.startsWith("catalog/p.yaml:7: ")
                            && m.endsWith("hourAt is peak or last, for HOUR items only")));
        }
    }

    @Test
    void anUnknownKeyIsATypoNotAnExtension() {
        refused(GOOD_HEAD.replace("cores: 1}", "cores: 1, memroyGb: 2}"),
                "catalog/p.yaml:5: unknown key 'memroyGb' in class c1 (allowed: cores, edition, limits, memoryGb, methods, storageGb)");
    }

    @Test
    void unknownStateRuleItemsMethodsAndEnumsAreRefused() {
        refused(GOOD_HEAD.replace("Running: {compute: CURRENT}", "Running: {cpu: CURRENT}"),
                "catalog/p.yaml:9: unknown item 'cpu' in state Running (known items: compute)");
        refused(GOOD_HEAD.replace("Running: {compute: CURRENT}", "Running: {compute: LATEST}"),
                "catalog/p.yaml:9: unknown spec rule 'LATEST' (expected one of CURRENT, ORIGINAL)");
        refused(GOOD_HEAD.replace("E: {methods: [PayAsYouGo]}", "E: {methods: [Prepaid2]}"),
                "catalog/p.yaml:3: unknown billing method 'Prepaid2' (expected Subscription, PayAsYouGo or Serverless)");
        refused(GOOD_HEAD.replace("granularity: SECOND", "granularity: MINUTE"),
                "catalog/p.yaml:7: unknown item compute granularity 'MINUTE' (expected one of SECOND, HOUR, DAY, COUNT, TERM)");
    }

    @Test
    void aClassOfAnUnknownEditionAndAPriceOfAnUnknownClassAreRefused() {
        refused(GOOD_HEAD.replace("{edition: E,", "{edition: X,"), "catalog/p.yaml:5: class c1 refers to unknown edition 'X' (known: E)");
        refused(GOOD_HEAD + "  - {item: compute, spec: c9, currency: USD, unitPrice: \"1\"}\n",
                "catalog/p.yaml:11: price for unknown class 'c9' of item compute");
    }

    @Test
    void aProductDefinedTwiceIsRefused() {
        String ok = GOOD_HEAD + "  - {item: compute, spec: c1, currency: USD, unitPrice: \"1\"}\n";
        assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/a.yaml", ok), Map.entry("catalog/b.yaml", ok))))
                .isInstanceOf(CatalogException.class).hasMessageContaining("catalog/b.yaml:1: product 'p' is already defined in catalog/a.yaml");
    }

    @Test
    void allMistakesAreReportedAtOnce() {
        assertThatThrownBy(() -> CatalogLoader.fromTexts(List.of(Map.entry("catalog/p.yaml",
                GOOD_HEAD + "  - {item: cpu, currency: USD, unitPrice: \"1\"}\n  - {item: compute, currency: US, unitPrice: \"-2\"}\n"))))
                .isInstanceOf(CatalogException.class).satisfies(e -> assertThat(((CatalogException) e).errors()).hasSize(3));
    }
}
