package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExceptionTranslatorTest {

    static final class Problem extends RuntimeException {
        final String code;

        Problem(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final ExceptionTranslator translator = ExceptionTranslator.forType(Problem.class, problem -> problem.code,
            Problem::getMessage, code -> code.equals("Oops") ? 200 : 409);

    @Test
    void translates_its_type_by_code_message_and_the_status_of_the_code() {
        assertThat(translator.translate(new Problem("OperationDenied.OrderType", "busy")))
                .contains(RpcError.of("OperationDenied.OrderType", 409, "busy"));
    }

    @Test
    void leaves_other_exceptions_alone() {
        assertThat(translator.translate(new IllegalStateException())).isEmpty();
        assertThat(ExceptionTranslator.none().translate(new Problem("X", "y"))).isEmpty();
    }

    @Test
    void a_status_that_is_no_error_status_becomes_500() {
        assertThat(translator.translate(new Problem("Oops", "m")).orElseThrow().httpStatus()).isEqualTo(500);
    }
}
