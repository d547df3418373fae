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
    private final String endpoint;

    private Sdk(String keyId, String secret, String endpoint) {
        this.endpoint = endpoint;
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", keyId, secret);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        this.client = new DefaultAcsClient(profile);
    }

    static Sdk of(TestServer.Tenant tenant) {
        // The tenant's own server: the shared one, or a test class's OwnServer.
        return new Sdk(tenant.accessKeyId(), tenant.accessKeySecret(), java.net.URI.create(tenant.api().baseUrl()).getAuthority());
    }

    static Sdk withKey(String keyId, String secret) {
        return new Sdk(keyId, secret, endpoint());
    }

    static String endpoint() {
        return "127.0.0.1:" + TestServer.get().port();
    }

    <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(endpoint);
        // Some SDKs (RAM) pin HTTPS on their requests; the test server speaks HTTP.
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    /** An action the typed SDKs lack (RAM's CreateServiceLinkedRole), sent as the core SDK's CommonRequest. */
    JsonNode common(String version, String action, Map<String, String> parameters) throws ClientException {
        CommonRequest request = new CommonRequest();
        request.setSysDomain(endpoint);
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
