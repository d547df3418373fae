package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.auth.Signer;
import com.aliyuncs.auth.signers.SignatureAlgorithm;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstancesRequest;
import com.aliyuncs.regions.ProductDomain;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests signed by the official Java SDK (aliyun-java-sdk-core 4.7.10), without a network:
 * the SDK signs, and the test rebuilds the HTTP request it would send (URL, headers, body)
 * and hands it to the authenticator.
 */
class SdkCompatibilityTest {

    private static final String ENDPOINT = "127.0.0.1:8080";
    private static final AlibabaCloudCredentials KEY = new BasicCredentials("LTAIbillowtest", "s3cr3t/+=*~ key");
    private static final AlibabaCloudCredentials WRONG_SECRET = new BasicCredentials("LTAIbillowtest", "not-the-secret");
    private static final AlibabaCloudCredentials UNKNOWN_KEY = new BasicCredentials("LTAIunknown", "whatever");

    private final BoundedNonceStore nonces = BoundedNonceStore.forTolerance(100, RequestAuthenticator.TIMESTAMP_TOLERANCE);
    private final RequestAuthenticator authenticator = new RequestAuthenticator(
            id -> id.equals(KEY.getAccessKeyId()) ? Optional.of(KEY.getAccessKeySecret()) : Optional.empty(), nonces);

    @Test
    void v2_get_with_every_parameter_in_the_query_string() throws Exception {
        DescribeDBInstancesRequest request = new DescribeDBInstancesRequest();
        request.setSysMethod(MethodType.GET);
        request.setSysRegionId("cn-hangzhou");
        request.setDBInstanceId("pgm-1 *~é");
        request.setPageSize(30);

        SentRequest sent = signV2(request, KEY, "Rds");

        assertThat(sent.request().method()).isEqualTo("GET");
        assertThat(sent.request().form()).isEmpty();
        assertThat(sent.request().parameters()).containsEntry("DBInstanceId", "pgm-1 *~é").containsEntry("PageSize", "30");
        assertThat(authenticator.authenticate(sent.request(), sent.signedAt()))
                .isEqualTo(Outcome.ok(new Caller("LTAIbillowtest", SignatureScheme.V2_HMAC_SHA1)));
    }

    @Test
    void v2_post_as_the_sdk_sends_by_default_with_parameters_in_the_url() throws Exception {
        DescribeDBInstanceAttributeRequest request = new DescribeDBInstanceAttributeRequest();
        request.setDBInstanceId("pgm-bp1");

        SentRequest sent = signV2(request, KEY, "Rds");

        assertThat(sent.request().method()).isEqualTo("POST");
        assertThat(sent.request().action()).contains("DescribeDBInstanceAttribute");
        assertThat(sent.request().version()).contains("2014-08-15");
        assertThat(authenticator.authenticate(sent.request(), sent.signedAt())).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void v2_common_request_post_with_a_form_body() throws Exception {
        AcsRequest<?> request = createServiceLinkedRole(SignatureVersion.V1);

        SentRequest sent = signV2(request, KEY, "Ram");

        assertThat(sent.request().form()).containsEntry("Description", "Billow RDS role & co: 100% *~");
        assertThat(sent.request().query()).containsEntry("ServiceName", "rds.aliyuncs.com");
        assertThat(authenticator.authenticate(sent.request(), sent.signedAt())).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void v3_common_request_post_with_a_form_body() throws Exception {
        AcsRequest<?> request = createServiceLinkedRole(SignatureVersion.V3);

        SentRequest sent = signV3(request, KEY, "Ram");

        assertThat(sent.request().headers().get("Authorization")).hasValueSatisfying(
                header -> assertThat(header).startsWith("ACS3-HMAC-SHA256 Credential=LTAIbillowtest,"));
        assertThat(sent.request().form()).containsEntry("Description", "Billow RDS role & co: 100% *~");
        assertThat(authenticator.authenticate(sent.request(), sent.signedAt()))
                .isEqualTo(Outcome.ok(new Caller("LTAIbillowtest", SignatureScheme.V3_HMAC_SHA256)));
    }

    @Test
    void v3_generated_request_with_parameters_in_the_query_string() throws Exception {
        DescribeDBInstancesRequest request = new DescribeDBInstancesRequest();
        request.setSysRegionId("cn-hangzhou");
        request.setDBInstanceId("pgm-1 *~");
        request.setSysSignatureVersion(SignatureVersion.V3);
        request.setSysSignatureAlgorithm(SignatureAlgorithm.ACS3_HMAC_SHA256);

        SentRequest sent = signV3(request, KEY, "Rds");

        assertThat(sent.request().action()).contains("DescribeDBInstances");
        assertThat(authenticator.authenticate(sent.request(), sent.signedAt())).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void wrong_secret_is_refused_with_the_string_the_sdk_compares_against() throws Exception {
        AcsRequest<?> v2 = createServiceLinkedRole(SignatureVersion.V1);
        AcsRequest<?> v3 = createServiceLinkedRole(SignatureVersion.V3);
        SentRequest sentV2 = signV2(v2, WRONG_SECRET, "Ram");
        SentRequest sentV3 = signV3(v3, WRONG_SECRET, "Ram");

        RpcError errorV2 = failure(sentV2.request(), sentV2.signedAt());
        RpcError errorV3 = failure(sentV3.request(), sentV3.signedAt());

        // DefaultAcsClient turns exactly this into "SDK.InvalidAccessKeySecret" for its user.
        assertThat(errorV2.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(errorV2.message()).endsWith("server string to sign is:" + v2.getSysStrToSign());
        assertThat(errorV3.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(errorV3.message()).endsWith("server string to sign is:" + v3.getSysStrToSign());
        assertThat(nonces.size()).isZero();
    }

    @Test
    void timestamp_is_accepted_up_to_fifteen_minutes_away_and_refused_beyond() throws Exception {
        Duration fifteen = Duration.ofMinutes(15);
        SentRequest atEdgeLate = signV2(describeAttribute(), KEY, "Rds");
        SentRequest atEdgeEarly = signV3(describeAttributeV3(), KEY, "Rds");
        SentRequest late = signV2(describeAttribute(), KEY, "Rds");
        SentRequest early = signV3(describeAttributeV3(), KEY, "Rds");

        assertThat(authenticator.authenticate(atEdgeLate.request(), atEdgeLate.signedAt().plus(fifteen)))
                .isInstanceOf(Outcome.Ok.class);
        assertThat(authenticator.authenticate(atEdgeEarly.request(), atEdgeEarly.signedAt().minus(fifteen)))
                .isInstanceOf(Outcome.Ok.class);
        assertThat(failure(late.request(), late.signedAt().plus(fifteen).plusSeconds(1)).code())
                .isEqualTo("InvalidTimeStamp.Expired");
        assertThat(failure(early.request(), early.signedAt().minus(fifteen).minusSeconds(1)).code())
                .isEqualTo("InvalidTimeStamp.Expired");
    }

    @Test
    void a_replayed_sdk_request_is_refused() throws Exception {
        SentRequest v2 = signV2(describeAttribute(), KEY, "Rds");
        SentRequest v3 = signV3(describeAttributeV3(), KEY, "Rds");
        authenticator.authenticate(v2.request(), v2.signedAt());
        authenticator.authenticate(v3.request(), v3.signedAt());

        assertThat(failure(v2.request(), v2.signedAt().plusSeconds(5)).code()).isEqualTo("SignatureNonceUsed");
        assertThat(failure(v3.request(), v3.signedAt().plusSeconds(5)).code()).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void an_unknown_key_is_not_found() throws Exception {
        SentRequest v2 = signV2(describeAttribute(), UNKNOWN_KEY, "Rds");
        SentRequest v3 = signV3(describeAttributeV3(), UNKNOWN_KEY, "Rds");

        RpcError error = failure(v2.request(), v2.signedAt());
        assertThat(error.code()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(failure(v3.request(), v3.signedAt()).code()).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    /** What one SDK call puts on the wire, and the instant it signed it at (the SDK reads the real clock). */
    private record SentRequest(RpcRequest request, Instant signedAt) {
    }

    private static DescribeDBInstanceAttributeRequest describeAttribute() {
        DescribeDBInstanceAttributeRequest request = new DescribeDBInstanceAttributeRequest();
        request.setDBInstanceId("pgm-bp1");
        return request;
    }

    private static DescribeDBInstanceAttributeRequest describeAttributeV3() {
        DescribeDBInstanceAttributeRequest request = describeAttribute();
        request.setSysSignatureVersion(SignatureVersion.V3);
        request.setSysSignatureAlgorithm(SignatureAlgorithm.ACS3_HMAC_SHA256);
        return request;
    }

    /** RAM CreateServiceLinkedRole the way its documentation shows it, through CommonRequest. */
    private static AcsRequest<?> createServiceLinkedRole(SignatureVersion version) {
        CommonRequest common = new CommonRequest();
        common.setSysMethod(MethodType.POST);
        common.setSysDomain(ENDPOINT);
        common.setSysVersion("2015-05-01");
        common.setSysAction("CreateServiceLinkedRole");
        common.setSysProtocol(ProtocolType.HTTP);
        common.putQueryParameter("ServiceName", "rds.aliyuncs.com");
        common.putBodyParameter("Description", "Billow RDS role & co: 100% *~");
        if (version == SignatureVersion.V3) {
            common.setSysSignatureVersion(SignatureVersion.V3);
            common.setSysSignatureAlgorithm(SignatureAlgorithm.ACS3_HMAC_SHA256);
        }
        return common.buildRequest();
    }

    private static SentRequest signV2(AcsRequest<?> request, AlibabaCloudCredentials key, String product) throws Exception {
        return sign(request, key, Signer.getSigner(key), product);
    }

    private static SentRequest signV3(AcsRequest<?> request, AlibabaCloudCredentials key, String product) throws Exception {
        return sign(request, key, Signer.getSigner(key, SignatureVersion.V3, SignatureAlgorithm.ACS3_HMAC_SHA256), product);
    }

    /**
     * Mirrors DefaultAcsClient.doRealAction: it sets the protocol, adds User-Agent, x-acs-version
     * and x-acs-action headers, then signs; the HTTP client adds Host. V3 signs the x-acs-*
     * headers present at that point.
     */
    private static SentRequest sign(AcsRequest<?> request, AlibabaCloudCredentials key, Signer signer, String product)
            throws Exception {
        request.setSysProtocol(ProtocolType.HTTP);
        request.putHeaderParameter("User-Agent", "AlibabaCloud (Linux) Java/17 Core/4.7.10");
        request.putHeaderParameter("x-acs-version", request.getSysVersion());
        request.putHeaderParameter("x-acs-action", request.getSysActionName());
        request.signRequest(signer, key, FormatType.JSON, new ProductDomain(product, ENDPOINT));

        URI url = URI.create(request.getSysUrl());
        Map<String, String> headers = new LinkedHashMap<>(request.getSysHeaders());
        headers.put("Host", url.getAuthority());
        byte[] body = request.getHttpContent() == null ? new byte[0] : request.getHttpContent();
        RpcRequest sent = SignedRequests.ok(RpcRequest.fromHttp(request.getSysMethod().name(),
                url.getRawPath().isEmpty() ? "/" : url.getRawPath(), url.getRawQuery(), headers, body));
        String signedAt = sent.parameter("Timestamp").or(() -> sent.headers().get("x-acs-date")).orElseThrow();
        return new SentRequest(sent, Instant.parse(signedAt));
    }

    private RpcError failure(RpcRequest request, Instant now) {
        Outcome<Caller> outcome = authenticator.authenticate(request, now);
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<Caller>) outcome).error();
    }
}
