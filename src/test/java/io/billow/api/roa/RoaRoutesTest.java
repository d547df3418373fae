package io.billow.api.roa;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoaRoutesTest {

    private static final RoaAction ONE = call -> TextNode.valueOf("one");
    private static final RoaAction TWO = call -> TextNode.valueOf("two");

    private static RoaRoutes routes() {
        return new RoaRoutes().add("2022-08-01", "GET", "/instances/{instanceId}", "GetInstance", ONE)
                .add("2022-08-01", "delete", "/instances/{instanceId}", "DeleteInstance", TWO)
                .add("2022-08-01", "GET", "/instances/{instanceId}/topics/{topicName}", "GetTopic", ONE);
    }

    @Test
    void aPathMatchesItsTemplateAndNamesItsParameters() {
        RoaRoutes.Match match = routes().find("GET", List.of("instances", "rmq-1", "topics", "a/b c"));
        assertThat(match).isInstanceOf(RoaRoutes.Found.class);
        RoaRoutes.Found found = (RoaRoutes.Found) match;
        assertThat(found.route().name()).isEqualTo("GetTopic");
        assertThat(found.parameters()).isEqualTo(Map.of("instanceId", "rmq-1", "topicName", "a/b c"));
        assertThat(((RoaRoutes.Found) routes().find("DELETE", List.of("instances", "rmq-1"))).route().name()).isEqualTo("DeleteInstance");
    }

    @Test
    void anEmptySegmentStillMatchesSoTheOperationCanNameWhatIsMissing() {
        RoaRoutes.Found found = (RoaRoutes.Found) routes().find("GET", List.of("instances", ""));
        assertThat(found.parameters()).containsEntry("instanceId", "");
    }

    @Test
    void anotherMethodOnAKnownPathIsToldWhichMethodsItAnswers() {
        assertThat(routes().find("PATCH", List.of("instances", "rmq-1"))).isEqualTo(new RoaRoutes.WrongMethod(java.util.Set.of("GET", "DELETE")));
        assertThat(routes().find("GET", List.of("instances", "rmq-1", "brokers"))).isEqualTo(new RoaRoutes.NoRoute());
        assertThat(routes().find("GET", List.of("accounts", "rmq-1"))).isEqualTo(new RoaRoutes.NoRoute());
    }

    @Test
    void theGatewayIsMountedOnTheTemplatesFirstSegments() {
        assertThat(routes().prefixes()).containsExactly("instances");
    }

    @Test
    void aTemplateRegisteredTwiceOrStartingWithAParameterIsRefused() {
        assertThatThrownBy(() -> routes().add("2022-08-01", "GET", "/instances/{id}", "Again", ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
        assertThatThrownBy(() -> new RoaRoutes().add("2022-08-01", "GET", "/{id}", "Bad", ONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
