package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcParametersTest {

    private final RpcParameters parameters = RpcParameters.of(Map.of(
            "Period", "12", "Amount", "12.50", "AutoPay", "TRUE", "StartTime", "2024-05-01T00:00Z",
            "EndTime", "2024-05-01T10:20:30.999Z", "Tags", "[{\"Key\":\"team\"}]", "Empty", "",
            "Huge", "1e999999999", "Bad", "twelve"));

    @Test
    void reads_each_type() {
        assertThat(parameters.requiredInt("Period")).isEqualTo(12);
        assertThat(parameters.requiredLong("Period")).isEqualTo(12L);
        assertThat(parameters.requiredDecimal("Amount")).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(parameters.requiredBoolean("AutoPay")).isTrue();
        assertThat(parameters.requiredInstant("StartTime")).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(parameters.requiredInstant("EndTime")).isEqualTo(Instant.parse("2024-05-01T10:20:30Z"));
        assertThat(parameters.requiredJson("Tags").get(0).get("Key").asText()).isEqualTo("team");
    }

    @Test
    void a_missing_or_empty_value_is_missing_parameter_with_alibabas_message() {
        RpcFailure missing = catchThrowableOfType(RpcFailure.class, () -> parameters.requiredInt("PageSize"));
        RpcFailure empty = catchThrowableOfType(RpcFailure.class, () -> parameters.required("Empty"));

        assertThat(missing.error().code()).isEqualTo("MissingParameter");
        assertThat(missing.error().message()).isEqualTo(
                "The input parameter \"PageSize\" that is mandatory for processing this request is not supplied.");
        assertThat(empty.error().code()).isEqualTo("MissingParameter");
        assertThat(parameters.optionalInt("Empty")).isEmpty();
    }

    @Test
    void a_value_not_of_its_type_is_invalid_parameter() {
        assertThat(invalid(() -> parameters.requiredInt("Bad"))).contains("\"Bad\"").contains("an integer");
        assertThat(invalid(() -> parameters.requiredDecimal("Huge"))).contains("decimal");
        assertThat(invalid(() -> parameters.requiredBoolean("Bad"))).contains("true or false");
        assertThat(invalid(() -> parameters.requiredInstant("Bad"))).contains("UTC");
        assertThat(invalid(() -> parameters.requiredJson("Bad"))).contains("JSON");
        assertThat(invalid(() -> parameters.optionalInt("Amount"))).contains("\"Amount\"");
    }

    private static String invalid(Runnable read) {
        RpcFailure failure = catchThrowableOfType(RpcFailure.class, read::run);
        assertThat(failure.error().code()).isEqualTo("InvalidParameter");
        assertThat(failure.error().httpStatus()).isEqualTo(400);
        return failure.error().message();
    }
}
