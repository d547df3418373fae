package io.billow.product.rocketmq4;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.ons.model.v20190214.OnsInstanceCreateRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billow.cli.ApiClient;
import io.billow.server.TestServer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The two official ONS SDKs pointed at the shared test server, as a user points them at Billow. */
final class OnsClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnsClients() {
    }

    /** An ONS error as a v1 caller sees it: the exception's code and message, and the HTTP status of the answer. */
    record Refusal(String code, String message, int status) {
    }

    /** The host and port of the server the tenant lives on. */
    static String endpoint(TestServer.Tenant tenant) {
        return java.net.URI.create(tenant.api().baseUrl()).getAuthority();
    }

    /** aliyun-java-sdk-ons 3.2.3 on core 4.7.10: V2 signature, parameters in the query, RegionId of the profile. */
    static V1 v1(TestServer.Tenant tenant, String region) {
        DefaultProfile profile = DefaultProfile.getProfile(region, tenant.accessKeyId(), tenant.accessKeySecret());
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        return new V1(new DefaultAcsClient(profile), endpoint(tenant));
    }

    static V1 v1(TestServer.Tenant tenant) {
        return v1(tenant, "cn-hangzhou");
    }

    /** ons20190214 1.0.0 (Tea): V2 signature, parameters in a form body, Format=json, no RegionId. */
    static com.aliyun.ons20190214.Client tea(TestServer.Tenant tenant) throws Exception {
        return new com.aliyun.ons20190214.Client(teaConfig(tenant).setEndpoint(endpoint(tenant)));
    }

    /** The Tea client calling the real ONS endpoint of a region through Billow as its HTTP proxy, so Host names the region. */
    static com.aliyun.ons20190214.Client teaAt(TestServer.Tenant tenant, String region) throws Exception {
        return new com.aliyun.ons20190214.Client(teaConfig(tenant).setEndpoint("ons." + region + ".aliyuncs.com")
                .setHttpProxy("http://" + endpoint(tenant)));
    }

    private static com.aliyun.teaopenapi.models.Config teaConfig(TestServer.Tenant tenant) {
        return new com.aliyun.teaopenapi.models.Config().setAccessKeyId(tenant.accessKeyId())
                .setAccessKeySecret(tenant.accessKeySecret()).setProtocol("HTTP");
    }

    /** An Enterprise Platinum instance in cn-hangzhou, bought for a month through the native API. */
    static String createPlatinum(TestServer.Tenant tenant, String instanceClass) {
        ApiClient.Response r = tenant.api().post("/api/v1/instances", "{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"EnterprisePlatinum\",\"instanceClass\":\"" + instanceClass + "\",\"billingMethod\":\"Subscription\",\"months\":1}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("instanceId").asText();
    }

    static JsonNode nativeInstance(TestServer.Tenant tenant, String id) {
        return tenant.api().get("/api/v1/instances/" + id).body();
    }

    /** Rows of a table that belong to the account's instances, read straight from the database. */
    static long rows(String table, String accountId) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " t JOIN instances i ON i.id = t."
                + (table.equals("instances") ? "id" : "instance_id") + " WHERE i.account_id = :a").bind("a", accountId).mapTo(Long.class).one());
    }

    static long liveResources(String accountId) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM instance_resources r JOIN instances i "
                + "ON i.id = r.instance_id WHERE i.account_id = :a AND r.deleted_at IS NULL").bind("a", accountId).mapTo(Long.class).one());
    }

    /** The v1 client, sending every request to the test server over HTTP. */
    record V1(DefaultAcsClient client, String endpoint) {

        <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
            point(request);
            return client.getAcsResponse(request);
        }

        /** The request's refusal: the SDK's exception, and the status of the same request sent again (nothing changed in between). */
        Refusal refusal(AcsRequest<?> request) throws ClientException {
            point(request);
            ClientException refused = catchThrowableOfType(ClientException.class, () -> client.getAcsResponse(request));
            assertThat(refused).as("the request was refused").isNotNull();
            HttpResponse again = client.doAction(request);
            JsonNode body = json(new String(again.getHttpContent(), StandardCharsets.UTF_8));
            assertThat(body.path("Code").asText()).isEqualTo(refused.getErrCode());
            return new Refusal(refused.getErrCode(), refused.getErrMsg(), again.getStatus());
        }

        /** A call through the core SDK's CommonRequest, answered as raw JSON: for fields the typed models lack. */
        JsonNode common(String action, Map<String, String> parameters) throws ClientException {
            CommonRequest request = new CommonRequest();
            request.setSysDomain(endpoint);
            request.setSysProtocol(ProtocolType.HTTP);
            request.setSysMethod(MethodType.POST);
            request.setSysVersion(RocketMq4Module.ONS_VERSION);
            request.setSysAction(action);
            parameters.forEach(request::putQueryParameter);
            return json(client.getCommonResponse(request).getData());
        }

        String createStandard(String name) throws ClientException {
            OnsInstanceCreateRequest create = new OnsInstanceCreateRequest();
            create.setInstanceName(name);
            return call(create).getData().getInstanceId();
        }

        private void point(AcsRequest<?> request) {
            request.setSysEndpoint(endpoint);
            request.setSysProtocol(ProtocolType.HTTP);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
