package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billow.store.DatabaseStartException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAsTest {

    @Test
    void wrapsProgramsInUserNamespaceExactlyWhenRoot() {
        RunAs runAs = RunAs.detect();
        assertThat(runAs.usesUserNamespace()).isEqualTo(RunAs.isRoot());
        List<String> wrapped = runAs.wrap(List.of("pg_ctl", "status"));
        assertThat(wrapped).endsWith("pg_ctl", "status");
        if (RunAs.isRoot()) {
            assertThat(wrapped).startsWith("unshare", "--user", "--map-user=1000", "--map-group=1000", "--");
        }
    }

    @Test
    void rootWithoutUserNamespacesIsToldTheCauseAndTheFix() {
        for (String brokenUnshare : List.of("/nonexistent/unshare", "false")) {
            assertThatThrownBy(() -> RunAs.inUserNamespace(brokenUnshare))
                    .isInstanceOfSatisfying(DatabaseStartException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_WITHOUT_USER_NAMESPACE))
                    .hasMessageContaining("running as root")
                    .hasMessageContaining("`unshare --user` failed")
                    .hasMessageContaining("Run Billow as a non-root user, or use --db-url");
        }
    }
}
