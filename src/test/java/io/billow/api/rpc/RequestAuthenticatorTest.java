package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Map<String, String> ACTION = Map.of("Action", "DescribeDBInstances", "Version", "2014-08-15",
            "RegionId", "cn-hangzhou", "DBInstanceId", "pgm-1 *~");

    private final BoundedNonceStore nonces = BoundedNonceStore.forTolerance(100, RequestAuthenticator.TIMESTAMP_TOLERANCE);
    private final RequestAuthenticator authenticator = new RequestAuthenticator(
            id -> id.equals("ak") ? Optional.of("secret") : Optional.empty(), nonces);

    @Test
    void accepts_a_v2_request_signed_with_the_right_secret() {
        RpcRequest request = SignedRequests.v2("ak", "secret", "n1", NOW, ACTION);

        assertThat(authenticator.authenticate(request, NOW))
                .isEqualTo(Outcome.ok(new Caller("ak", SignatureScheme.V2_HMAC_SHA1)));
    }

    @Test
    void accepts_a_v3_request_with_query_and_form_body() {
        RpcRequest request = SignedRequests.v3("ak", "secret", "n1", NOW,
                Map.of("RegionId", "cn-hangzhou"), Map.of("DBInstanceId", "pgm 1*"));

        assertThat(authenticator.authenticate(request, NOW))
                .isEqualTo(Outcome.ok(new Caller("ak", SignatureScheme.V3_HMAC_SHA256)));
    }

    @Test
    void names_the_first_missing_v2_parameter() {
        for (String name : new String[] {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp"}) {
            Map<String, String> parameters = new HashMap<>(SignedRequests.v2("ak", "secret", "n1", NOW, ACTION).parameters());
            parameters.remove(name);

            RpcError error = failure(requestWith(parameters));

            assertThat(error.code()).isEqualTo("MissingParameter");
            assertThat(error.httpStatus()).isEqualTo(400);
            assertThat(error.message()).contains("\"" + name + "\"");
        }
    }

    @Test
    void refuses_an_unknown_key_with_404() {
        RpcError error = failure(SignedRequests.v2("nobody", "secret", "n1", NOW, ACTION));

        assertThat(error.code()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(error.httpStatus()).isEqualTo(404);
    }

    @Test
    void refuses_a_wrong_secret_and_shows_the_server_string_to_sign() {
        RpcRequest request = SignedRequests.v2("ak", "wrong", "n1", NOW, ACTION);

        RpcError error = failure(request);

        assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(error.message()).endsWith("server string to sign is:"
                + SignatureV2.stringToSign("GET", request.parameters()));
    }

    @Test
    void a_wrong_secret_does_not_use_up_the_nonce_of_the_genuine_request() {
        failure(SignedRequests.v2("ak", "wrong", "n1", NOW, ACTION));

        assertThat(authenticator.authenticate(SignedRequests.v2("ak", "secret", "n1", NOW, ACTION), NOW))
                .isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void refuses_a_replayed_request() {
        RpcRequest request = SignedRequests.v2("ak", "secret", "n1", NOW, ACTION);
        authenticator.authenticate(request, NOW);

        RpcError error = failure(request, NOW.plusSeconds(60));

        assertThat(error.code()).isEqualTo("SignatureNonceUsed");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void accepts_timestamps_up_to_fifteen_minutes_either_way() {
        Duration fifteen = Duration.ofMinutes(15);

        assertThat(authenticator.authenticate(SignedRequests.v2("ak", "secret", "late", NOW.minus(fifteen), ACTION), NOW))
                .isInstanceOf(Outcome.Ok.class);
        assertThat(authenticator.authenticate(SignedRequests.v2("ak", "secret", "early", NOW.plus(fifteen), ACTION), NOW))
                .isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void refuses_timestamps_beyond_fifteen_minutes_without_using_the_nonce() {
        Duration justOver = Duration.ofMinutes(15).plusSeconds(1);

        RpcError stale = failure(SignedRequests.v2("ak", "secret", "n1", NOW.minus(justOver), ACTION));
        RpcError ahead = failure(SignedRequests.v2("ak", "secret", "n2", NOW.plus(justOver), ACTION));

        assertThat(stale.code()).isEqualTo("InvalidTimeStamp.Expired");
        assertThat(stale.message()).contains("15 minutes");
        assertThat(ahead.code()).isEqualTo("InvalidTimeStamp.Expired");
        assertThat(nonces.size()).isZero();
    }

    @Test
    void refuses_a_timestamp_that_is_not_utc_iso_8601() {
        for (String timestamp : new String[] {"2026-03-01 12:00:00", "2026-03-01T12:00:00+08:00", "2026-13-01T12:00:00Z", "1709294400"}) {
            Map<String, String> parameters = new HashMap<>(SignedRequests.v2("ak", "secret", "n1", NOW, ACTION).parameters());
            parameters.put("Timestamp", timestamp);

            assertThat(failure(requestWith(parameters)).code()).as(timestamp).isEqualTo("InvalidTimeStamp.Format");
        }
    }

    @Test
    void refuses_other_v2_signature_methods() {
        Map<String, String> parameters = new HashMap<>(SignedRequests.v2("ak", "secret", "n1", NOW, ACTION).parameters());
        parameters.put("SignatureMethod", "HMAC-SHA256");

        RpcError error = failure(requestWith(parameters));

        assertThat(error.code()).isEqualTo("InvalidParameter");
        assertThat(error.message()).contains("SignatureMethod");
    }

    @Test
    void a_tampered_v2_parameter_breaks_the_signature() {
        Map<String, String> parameters = new HashMap<>(SignedRequests.v2("ak", "secret", "n1", NOW, ACTION).parameters());
        parameters.put("DBInstanceId", "pgm-2");

        assertThat(failure(requestWith(parameters)).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void a_tampered_v3_body_is_refused() {
        RpcRequest signed = SignedRequests.v3("ak", "secret", "n1", NOW, Map.of(), Map.of("DBInstanceId", "pgm-1"));
        RpcRequest tampered = SignedRequests.ok(RpcRequest.fromHttp("POST", "/", "", signed.headers().asMap(),
                "DBInstanceId=pgm-2".getBytes(StandardCharsets.UTF_8)));

        assertThat(failure(tampered).code()).isEqualTo("IncompleteSignature");
    }

    @Test
    void a_v3_request_with_a_wrong_secret_or_replayed_nonce_is_refused() {
        RpcRequest wrong = SignedRequests.v3("ak", "wrong", "n1", NOW, Map.of("RegionId", "cn-hangzhou"), Map.of());
        RpcRequest right = SignedRequests.v3("ak", "secret", "n1", NOW, Map.of("RegionId", "cn-hangzhou"), Map.of());

        RpcError mismatch = failure(wrong);
        assertThat(mismatch.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(mismatch.message()).contains("server string to sign is:POST\n/\nRegionId=cn-hangzhou\n");
        assertThat(authenticator.authenticate(right, NOW)).isInstanceOf(Outcome.Ok.class);
        assertThat(failure(right).code()).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void a_v3_request_must_sign_every_x_acs_header_and_carry_date_and_nonce() {
        RpcRequest signed = SignedRequests.v3("ak", "secret", "n1", NOW, Map.of(), Map.of());
        Map<String, String> extra = new HashMap<>(signed.headers().asMap());
        extra.put("x-acs-security-token", "unsigned");
        Map<String, String> noDate = new HashMap<>(signed.headers().asMap());
        noDate.remove("x-acs-date");

        RpcError unsigned = failure(SignedRequests.ok(RpcRequest.fromHttp("POST", "/", "", extra, new byte[0])));
        RpcError missing = failure(SignedRequests.ok(RpcRequest.fromHttp("POST", "/", "", noDate, new byte[0])));

        assertThat(unsigned.code()).isEqualTo("IncompleteSignature");
        assertThat(unsigned.message()).contains("x-acs-security-token");
        assertThat(missing.code()).isEqualTo("MissingParameter");
        assertThat(missing.message()).contains("x-acs-date");
    }

    @Test
    void a_v3_request_outside_the_window_is_expired() {
        RpcRequest request = SignedRequests.v3("ak", "secret", "n1", NOW.minus(Duration.ofMinutes(16)), Map.of(), Map.of());

        assertThat(failure(request).code()).isEqualTo("InvalidTimeStamp.Expired");
    }

    private RpcError failure(RpcRequest request) {
        return failure(request, NOW);
    }

    private RpcError failure(RpcRequest request, Instant now) {
        Outcome<Caller> outcome = authenticator.authenticate(request, now);
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<Caller>) outcome).error();
    }

    private static RpcRequest requestWith(Map<String, String> parameters) {
        return SignedRequests.ok(RpcRequest.of("GET", "/", parameters, Map.of(), Headers.none(), new byte[0]));
    }
}
