package io.billow.server;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** The official Alibaba Cloud Java SDK pointed at a test server, as a user would point it at Billow. */
final class Sdk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DefaultAcsClient client;
    /** Billow's host:port, asked at each call so that the shared server starts only when a test uses it. */
    private final java.util.function.Supplier<String> endpoint;

    private Sdk(String keyId, String secret) {
        this(keyId, secret, Sdk::endpoint);
    }

    private Sdk(String keyId, String secret, java.util.function.Supplier<String> endpoint) {
        this.endpoint = endpoint;
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", keyId, secret);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        this.client = new DefaultAcsClient(profile);
    }

    static Sdk of(TestServer.Tenant tenant) {
        // The tenant's own server: the shared one, or a test class's OwnServer.
        String authority = java.net.URI.create(tenant.api().baseUrl()).getAuthority();
        return new Sdk(tenant.accessKeyId(), tenant.accessKeySecret(), () -> authority);
    }

    /** The SDK pointed at a test class's own server. */
    static Sdk of(TestServer.Tenant tenant, OwnServer server) {
        return new Sdk(tenant.accessKeyId(), tenant.accessKeySecret(), () -> "127.0.0.1:" + server.server().port());
    }

    static Sdk withKey(String keyId, String secret) {
        return new Sdk(keyId, secret);
    }

    static String endpoint() {
        return "127.0.0.1:" + TestServer.get().port();
    }

    <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(endpoint.get());
        // Some SDKs (RAM) pin HTTPS on their requests; the test server speaks HTTP.
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    /** An action the typed SDKs lack (RAM's CreateServiceLinkedRole), sent as the core SDK's CommonRequest. */
    JsonNode common(String version, String action, Map<String, String> parameters) throws ClientException {
        CommonRequest request = new CommonRequest();
        request.setSysDomain(endpoint.get());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysMethod(MethodType.POST);
        request.setSysVersion(version);
        request.setSysAction(action);
        parameters.forEach(request::putQueryParameter);
        CommonResponse response = client.getCommonResponse(request);
        try {
            return JSON.readTree(response.getData());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
