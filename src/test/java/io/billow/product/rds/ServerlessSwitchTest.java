package io.billow.product.rds;

import io.billow.catalog.BillingMethod;
import io.billow.eligibility.Rcu;
import io.billow.problem.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's prerequisites, one failing at a time, each with its own code. */
class ServerlessSwitchTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    static RdsFacts eligible() {
        return new RdsFacts("Running", 16, "rds_postgres_1600_20240830", "HighAvailability", BillingMethod.PAY_AS_YOU_GO, "cloud_essd",
                0, true, false, false, false, false, ServerlessSwitch.REQUIRED_ROLES, null, 4, false, false, true);
    }

    static RdsFacts with(UnaryOperator<Object[]> change) {
        RdsFacts f = eligible();
        Object[] v = {f.status(), f.majorVersion(), f.minorVersion(), f.edition(), f.method(), f.storageType(), f.readOnlyInstances(),
                f.primary(), f.proxyEnabled(), f.sslEnabled(), f.diskEncryptionEnabled(), f.pgBouncerEnabled(), f.accountRoles(),
                f.lastSwitchAt(), f.cores(), f.operationInProgress(), f.unpaidOrder(), f.zoneHasServerlessRoom()};
        v = change.apply(v);
        return new RdsFacts((String) v[0], (Integer) v[1], (String) v[2], (String) v[3], (BillingMethod) v[4], (String) v[5],
                (Integer) v[6], (Boolean) v[7], (Boolean) v[8], (Boolean) v[9], (Boolean) v[10], (Boolean) v[11], (Set<String>) v[12],
                (Instant) v[13], (Integer) v[14], (Boolean) v[15], (Boolean) v[16], (Boolean) v[17]);
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return v -> {
            v[index] = value;
            return v;
        };
    }

    static Stream<Arguments> oneFailure() {
        return Stream.of(
                Arguments.of("status Stopped", set(0, "Stopped"), "IncorrectDBInstanceState"),
                Arguments.of("operation in progress", set(15, true), "IncorrectDBInstanceState"),
                Arguments.of("PostgreSQL 13", set(1, 13), "EngineNotSupported"),
                Arguments.of("Cluster edition", set(3, "cluster"), "InvalidTargetCategory"),
                Arguments.of("subscription", set(4, BillingMethod.SUBSCRIPTION), "InvalidPayType.NotSupported"),
                Arguments.of("local SSD", set(5, "local_ssd"), "InvalidDBInstanceStorageType"),
                Arguments.of("old minor version", set(2, "rds_postgres_1600_20230830"), "MinorVersionNotSupport"),
                Arguments.of("babelfish build", set(2, "rds_postgres_1500_20240830_babelfish"), "MinorVersionNotSupport"),
                Arguments.of("read-only instances", set(6, 1), "InstanceHasReadOnlyInstanceNotSupportThisOperation"),
                Arguments.of("proxy", set(8, true), "MaxscaleNotSupport"),
                Arguments.of("SSL", set(9, true), "SSLInstanceNotSupportThisOperation"),
                Arguments.of("disk encryption", set(10, true), "BYOKInstanceNotSupportThisOperation"),
                Arguments.of("PgBouncer", set(11, true), "PgBouncerNotSupportThisOperation"),
                Arguments.of("one role missing", set(12, Set.of("AliyunServiceRoleForRdsPgsqlOnEcs")), "ServiceLinkedRole.NotExist"),
                Arguments.of("switched 23 h ago", set(13, NOW.minusSeconds(23 * 3600)), "OperationDenied.DurationLimit"),
                Arguments.of("8 cores above max 4... ", set(14, 8), "InvalidRCUValue"),
                Arguments.of("unpaid order", set(16, true), "OperationDenied.OrderUnPaid"),
                Arguments.of("zone full", set(17, false), "InsufficientResourceCapacity"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("oneFailure")
    void eachPrerequisiteFailsAloneWithItsOwnCode(String name, UnaryOperator<Object[]> change, String code) {
        List<Problem> problems = ServerlessSwitch.toServerless(with(change), Rcu.DEFAULT, "pg.n2.serverless.2c", new BigDecimal("0.5"), new BigDecimal("4"), NOW);
        assertThat(problems).extracting(Problem::code).containsExactly(code);
    }

    @Test
    void anEligibleInstancePasses() {
        assertThat(ServerlessSwitch.toServerless(eligible(), Rcu.DEFAULT, "pg.n2.serverless.2c", new BigDecimal("0.5"), new BigDecimal("4"), NOW)).isEmpty();
    }

    @Test
    void theClassMustMatchTheEdition() {
        assertThat(ServerlessSwitch.toServerless(eligible(), Rcu.DEFAULT, "pg.n2.serverless.1c", new BigDecimal("0.5"), new BigDecimal("4"), NOW))
                .extracting(Problem::code).containsExactly("IncorrectTargetClasscode");
    }

    @Test
    void capacityRangesOffTheStepOrOutOfBoundsAreRefused() {
        assertThat(ServerlessSwitch.toServerless(eligible(), Rcu.DEFAULT, "pg.n2.serverless.2c", new BigDecimal("0.3"), new BigDecimal("4"), NOW))
                .extracting(Problem::code).containsExactly("InvalidRCUValue");
        assertThat(ServerlessSwitch.toServerless(eligible(), Rcu.DEFAULT, "pg.n2.serverless.2c", new BigDecimal("5"), new BigDecimal("4"), NOW))
                .extracting(Problem::code).containsExactly("InvalidRCUValue");
        assertThat(ServerlessSwitch.toServerless(eligible(), Rcu.DEFAULT, "pg.n2.serverless.2c", new BigDecimal("0.5"), new BigDecimal("14.5"), NOW))
                .extracting(Problem::code).containsExactly("InvalidRCUValue");
    }

    @Test
    void theDurationLimitCountsFromTheLastSwitchsCompletionAndEndsAfterExactly24Hours() {
        RdsFacts justInTime = with(set(13, NOW.minusSeconds(86_400)));
        RdsFacts oneSecondShort = with(set(13, NOW.minusSeconds(86_399)));
        assertThat(ServerlessSwitch.toServerless(justInTime, Rcu.DEFAULT, "pg.n2.serverless.2c", BigDecimal.ONE, new BigDecimal("4"), NOW)).isEmpty();
        assertThat(ServerlessSwitch.toServerless(oneSecondShort, Rcu.DEFAULT, "pg.n2.serverless.2c", BigDecimal.ONE, new BigDecimal("4"), NOW))
                .extracting(Problem::code).containsExactly("OperationDenied.DurationLimit");
    }

    @Test
    void severalFailuresAreAllReportedInTheTablesOrder() {
        RdsFacts f = with(v -> {
            v[9] = true;
            v[1] = 12;
            v[17] = false;
            return v;
        });
        assertThat(ServerlessSwitch.toServerless(f, Rcu.DEFAULT, "pg.n2.serverless.2c", new BigDecimal("0.5"), new BigDecimal("4"), NOW))
                .extracting(Problem::code).containsExactly("EngineNotSupported", "SSLInstanceNotSupportThisOperation", "InsufficientResourceCapacity");
    }

    @Test
    void theWayBackNeedsPl1EssdAndTheSame24Hours() {
        RdsFacts serverless = with(v -> {
            v[4] = BillingMethod.SERVERLESS;
            v[5] = "general_essd";
            v[13] = NOW.minusSeconds(3600);
            return v;
        });
        assertThat(ServerlessSwitch.toPayAsYouGo(serverless, NOW)).extracting(Problem::code)
                .containsExactly("InvalidDBInstanceStorageType", "OperationDenied.DurationLimit");
    }
}
