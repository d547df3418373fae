package io.billow.simulation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A seed is a reproduction: the same seed gives the same steps, another seed other steps. */
class StepGeneratorTest {

    @Test
    void theSameSeedYieldsTheSameStepStream() {
        List<Step> first = new StepGenerator(42, 20).steps(500);
        List<Step> again = new StepGenerator(42, 20).steps(500);

        assertThat(again).isEqualTo(first);
        assertThat(new StepGenerator(43, 20).steps(500)).isNotEqualTo(first);
    }

    @Test
    void aStreamStartsWithAnAccountAndMixesTheKinds() {
        List<Step> steps = new StepGenerator(7, 20).steps(2000);

        assertThat(steps).hasSize(2000);
        assertThat(steps.get(0).kind()).isEqualTo(Step.Kind.NEW_ACCOUNT);
        assertThat(steps).extracting(Step::kind).contains(Step.Kind.values());
        assertThat(new StepGenerator(7, 0).steps(2000)).extracting(Step::kind).doesNotContain(Step.Kind.KILL);
    }
}
