package io.billow.cli;

import io.billow.api.RequestLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request limit options of {@code billow serve} reach the server as given, and nonsense is a usage error. */
class ServeOptionsTest {

    private static ServeCommand parsed(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void everyLimitOptionIsParsedIntoTheLimits() {
        RequestLimits limits = parsed("--rate-limit", "2.5", "--rate-burst", "7", "--request-timeout", "9",
                "--max-concurrent-requests", "3", "--max-queued-requests", "0").limits();

        assertThat(limits).isEqualTo(new RequestLimits(2.5, 7, Duration.ofSeconds(9), 3, 0));
    }

    @Test
    void withoutOptionsTheLimitsAreTheDocumentedDefaults() {
        assertThat(parsed().limits()).isEqualTo(RequestLimits.DEFAULT);
    }

    @Test
    void aLimitOutOfRangeIsAUsageErrorNamingTheOptions() {
        for (String[] bad : new String[][]{{"--rate-limit", "0"}, {"--rate-burst", "0"}, {"--request-timeout", "0"},
                {"--max-concurrent-requests", "-1"}, {"--max-queued-requests", "-1"}}) {
            assertThatThrownBy(() -> parsed(bad).limits()).as(String.join(" ", bad))
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--rate-limit");
        }
    }

    @Test
    void aLimitThatIsNotANumberIsRefusedByTheParser() {
        assertThatThrownBy(() -> parsed("--rate-burst", "many")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--rate-burst");
    }
}
