package io.billow.api;

import io.billow.catalog.BillingMethod;
import io.billow.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChoiceTest {

    private static final Choice<BillingMethod> PAY_TYPE = Choice.parsedBy(BillingMethod::parse, "InvalidPayType.NotSupported",
            "Postpaid, Prepaid, Serverless");

    @Test
    void readsAKnownValue() {
        assertThat(PAY_TYPE.required("PayType", "Serverless")).isEqualTo(BillingMethod.SERVERLESS);
        assertThat(PAY_TYPE.optional("PayType", null)).isEmpty();
        assertThat(PAY_TYPE.optional("PayType", "")).isEmpty();
    }

    @Test
    void aMissingValueIsMissingAndAnUnknownOneHasTheChoicesCode() {
        ProblemException missing = catchThrowableOfType(ProblemException.class, () -> PAY_TYPE.required("payType", null));
        ProblemException unknown = catchThrowableOfType(ProblemException.class, () -> PAY_TYPE.required("payType", "Bogus"));
        ProblemException huge = catchThrowableOfType(ProblemException.class, () -> PAY_TYPE.required("payType", "x".repeat(100)));

        assertThat(missing.first().code()).isEqualTo("MissingParameter");
        assertThat(missing.first().message()).isEqualTo("payType is required: one of Postpaid, Prepaid, Serverless");
        assertThat(unknown.first().code()).isEqualTo("InvalidPayType.NotSupported");
        assertThat(unknown.first().message()).isEqualTo("payType must be one of Postpaid, Prepaid, Serverless, got Bogus");
        assertThat(huge.first().message()).endsWith("got " + "x".repeat(64) + "… (100 characters)");
    }
}
