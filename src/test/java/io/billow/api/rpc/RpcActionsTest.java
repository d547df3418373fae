package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RpcActionsTest {

    private final RpcAction describe = call -> RpcResult.empty();
    private final RpcActions actions = new RpcActions().register("2014-08-15", "DescribeDBInstances", describe);

    @Test
    void finds_an_action_by_version_and_exact_name() {
        assertThat(actions.find("2014-08-15", "DescribeDBInstances")).isEqualTo(Outcome.ok(describe));
    }

    @Test
    void an_unknown_action_is_not_found() {
        Outcome<RpcAction> outcome = actions.find("2014-08-15", "describedbinstances");

        assertThat(((Outcome.Failed<RpcAction>) outcome).error().code()).isEqualTo("InvalidAction.NotFound");
        assertThat(((Outcome.Failed<RpcAction>) outcome).error().httpStatus()).isEqualTo(404);
    }

    @Test
    void a_known_action_under_another_version_is_invalid_version() {
        Outcome<RpcAction> outcome = actions.find("2013-05-28", "DescribeDBInstances");

        assertThat(((Outcome.Failed<RpcAction>) outcome).error().code()).isEqualTo("InvalidVersion");
        assertThat(((Outcome.Failed<RpcAction>) outcome).error().message()).isEqualTo("Specified parameter Version is not valid.");
    }

    @Test
    void registering_an_action_twice_is_a_wiring_mistake() {
        assertThatThrownBy(() -> actions.register("2014-08-15", "DescribeDBInstances", describe))
                .isInstanceOf(IllegalStateException.class);
    }
}
