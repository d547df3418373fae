package io.billow.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code billow demo} tells its story on a throw-away database and ends with the bills and totals. */
class DemoTest {

    @Test
    void theDemoPrintsEachHoursBillsTheExpiryAndTheTotals() {
        String out = CliRun.run("demo", "--hours", "4");

        assertThat(out).contains("Switch the RDS instance from pay-as-you-go to serverless", "PERIOD (UTC)", "TOTAL PAYABLE:",
                "status Locked", "Over the whole run:", "Balance: 10000.00 → ");
        assertThat(out).contains("rcu", "Serverless", "polar.pg.x4.large");
        assertThat(out).contains("order UPGRADE", "order DOWNGRADE -");
        assertThat(out).contains("Upgrade the RocketMQ instance to Enterprise Platinum", "5000000 calls",
                "now Standard billed PayAsYouGo, with 2 topics and 1 group");
        assertThat(out).contains("Estimate the upgrade to Shared (shared.s1): edition Standard → Shared", "ToBeUnpublished (consumer model)",
                "Active (provider model)", "warning: traffic still goes through endpoint", "delete the old endpoint: its fees stop at",
                "why: endpoint ");
        assertThat(out).doesNotContain("billow: ");
        java.util.regex.Matcher dir = java.util.regex.Pattern.compile("temporary database in (\\S+) with").matcher(out);
        assertThat(dir.find()).isTrue();
        assertThat(java.nio.file.Path.of(dir.group(1))).as("the throw-away database is removed").doesNotExist();
    }
}
