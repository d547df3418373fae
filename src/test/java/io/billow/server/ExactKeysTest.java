package io.billow.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator key and access key secrets are compared exactly: nothing around them is trimmed away. */
class ExactKeysTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anOperatorKeyWithAnythingAroundItIsNotTheOperatorKey() throws Exception {
        assertThat(status("Bearer " + TestServer.ADMIN_KEY)).isEqualTo(200);
        assertThat(status("Bearer  " + TestServer.ADMIN_KEY)).isEqualTo(401);
        assertThat(status("Bearer " + TestServer.ADMIN_KEY + " x")).isEqualTo(401);
        assertThat(status("Bearer " + TestServer.ADMIN_KEY.toUpperCase(java.util.Locale.ROOT))).isEqualTo(401);
        assertThat(status("Bearer " + TestServer.ADMIN_KEY.substring(1))).isEqualTo(401);
    }

    @Test
    void anAccessKeySecretIsComparedExactly() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1", "UTC");

        assertThat(status("Bearer " + t.accessKeyId() + ":" + t.accessKeySecret())).isEqualTo(200);
        assertThat(status("Bearer  " + t.accessKeyId() + ":" + t.accessKeySecret())).isEqualTo(401);
        assertThat(status("Bearer " + t.accessKeyId() + ": " + t.accessKeySecret())).isEqualTo(401);
        assertThat(status("Bearer " + t.accessKeyId() + " :" + t.accessKeySecret())).isEqualTo(401);
        assertThat(status("Bearer " + t.accessKeyId() + ":" + t.accessKeySecret() + " x")).isEqualTo(401);
    }

    @Test
    void aConfiguredOperatorKeyWithSpacesAroundItIsRefusedAtStart(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ServerKeys.load(dir, " key-with-spaces ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the operator key from --admin-key is empty, has spaces around it or holds a control character;"
                        + " give one without (it is compared exactly)");
        assertThatThrownBy(() -> ServerKeys.load(dir, "key\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ServerKeys.load(dir, "exact-key").adminKey()).isEqualTo("exact-key");
    }

    @Test
    void theKeyFileIsReadWithoutItsLineEndAndNothingElse(@TempDir Path dir) throws Exception {
        ServerKeys generated = ServerKeys.load(dir, null);
        assertThat(Files.readString(dir.resolve("admin.key"))).isEqualTo(generated.adminKey() + "\n");
        assertThat(ServerKeys.load(dir, null).adminKey()).isEqualTo(generated.adminKey());

        Files.writeString(dir.resolve("admin.key"), "  edited-key\n");

        assertThatThrownBy(() -> ServerKeys.load(dir, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("admin.key is empty, has spaces around it");
    }

    private static int status(String authorization) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TestServer.get().url() + "/api/v1/catalog"))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
