package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the web server refuses before any route sees them (bad path encoding, a NUL in the
 * request line, conflicting framing headers, oversized headers) are answered in the JSON error
 * shape of their API, never with Jetty's HTML page, and change nothing.
 */
class MalformedHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Raw(int status, String contentType, JsonNode body) {
    }

    @Test
    void aPathThatIsNotUtf8IsRefusedInTheShapeOfItsApi() throws IOException {
        Raw rest = send("GET /api/v1/instances/%FF HTTP/1.1\r\nHost: billow.test\r\nConnection: close\r\n\r\n");
        Raw rpc = send("GET /%C3%28 HTTP/1.1\r\nHost: billow.test\r\nConnection: close\r\n\r\n");

        assertRest(rest, 400, "MalformedRequest");
        assertThat(rest.body().get("message").asText()).isEqualTo("the HTTP request was refused (400): Bad UTF-8 encoding");
        assertRpc(rpc, 400, "MalformedRequest");
        assertThat(rpc.body().get("Message").asText()).isEqualTo("The HTTP request was refused (400): Bad UTF-8 encoding.");
        assertThat(rpc.body().get("HostId").asText()).isEqualTo("billow.test");
    }

    @Test
    void aNulInThePathIsRefusedInJsonThatBothApisRead() throws IOException {
        Raw nul = send("GET /api/v1/instances/%00 HTTP/1.1\r\nHost: billow.test\r\nConnection: close\r\n\r\n");
        Raw garbage = send("NONSENSE\r\n\r\n");

        for (Raw r : new Raw[] {nul, garbage}) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).isEqualTo("application/json;charset=utf-8");
            assertThat(r.body().get("code").asText()).isEqualTo("MalformedRequest");
            assertThat(r.body().get("Code").asText()).isEqualTo("MalformedRequest");
            assertThat(r.body().get("RequestId").asText()).hasSize(36);
        }
    }

    @Test
    void bothTransferEncodingAndContentLengthAreRefusedAndNothingIsCreated() throws IOException {
        long before = accounts();
        String account = "{\"name\":\"smuggled\",\"currency\":\"USD\",\"balance\":1}";
        String chunked = Integer.toHexString(account.length()) + "\r\n" + account + "\r\n0\r\n\r\n";

        Raw rest = send("POST /api/v1/accounts HTTP/1.1\r\nHost: billow.test\r\nAuthorization: Bearer " + TestServer.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\nConnection: close\r\n\r\n" + chunked);
        Raw rpc = send("POST / HTTP/1.1\r\nHost: billow.test\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\nConnection: close\r\n\r\n0\r\n\r\n");

        assertRest(rest, 400, "MalformedRequest");
        assertThat(rest.body().get("message").asText())
                .isEqualTo("the HTTP request was refused (400): Transfer-Encoding and Content-Length");
        assertRpc(rpc, 400, "MalformedRequest");
        assertThat(accounts()).isEqualTo(before);
    }

    @Test
    void malformedPercentEscapesInAQueryAreRefusedByEitherApi() throws IOException {
        Raw rest = send("GET /api/v1/bills?instanceId=%ZZ HTTP/1.1\r\nHost: billow.test\r\nAuthorization: Bearer " + TestServer.ADMIN_KEY
                + "\r\nConnection: close\r\n\r\n");
        Raw rpc = send("GET /?Action=DescribeRegions&Version=2014-08-15&RegionId=%G1 HTTP/1.1\r\nHost: billow.test\r\nConnection: close\r\n\r\n");

        assertRest(rest, 400, "InvalidParameter");
        assertThat(rest.body().get("message").asText())
                .isEqualTo("the query string has a malformed percent escape (% must be followed by two hex digits)");
        assertRpc(rpc, 400, "InvalidParameter");
        assertThat(rpc.body().get("Message").asText())
                .isEqualTo("The query string has a malformed percent escape (% must be followed by two hex digits).");
    }

    @Test
    void headersTooLargeAreRefusedInJson() throws IOException {
        Raw r = send("GET /api/v1/catalog HTTP/1.1\r\nHost: billow.test\r\nX-Padding: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");

        assertRest(r, 431, "RequestHeadersTooLarge");
    }

    @Test
    void aMethodNeitherApiAnswersIsRefusedInTheShapeOfThePathsApi() throws IOException {
        Raw rpc = send("PUT /?Action=DescribeRegions HTTP/1.1\r\nHost: billow.test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Raw rest = send("PUT /api/v1/nothing-here HTTP/1.1\r\nHost: billow.test\r\nAuthorization: Bearer " + TestServer.ADMIN_KEY
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertRpc(rpc, 405, "MethodNotAllowed");
        assertThat(rpc.body().get("Message").asText()).isEqualTo("the RPC API answers GET and POST, not PUT");
        assertRest(rest, 404, "NotFound");
    }

    private static void assertRest(Raw r, int status, String code) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body().fieldNames()).toIterable().containsExactly("code", "message");
        assertThat(r.body().get("code").asText()).isEqualTo(code);
    }

    private static void assertRpc(Raw r, int status, String code) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body().fieldNames()).toIterable().containsExactly("RequestId", "HostId", "Code", "Message", "Recommend");
        assertThat(r.body().get("Code").asText()).isEqualTo(code);
    }

    private static long accounts() {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM accounts").mapTo(Long.class).one());
    }

    /** Writes the bytes as given (no client library would send these) and reads the whole answer. */
    private static Raw send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", TestServer.get().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = readUntilClosed(socket.getInputStream());
            int headersEnd = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, headersEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Raw(status, contentType, JSON.readTree(answer.substring(headersEnd + 4)));
        }
    }

    /** Reads until the server closes, or until a whole Content-Length body has come (a kept-alive connection). */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            String sofar = out.toString(StandardCharsets.UTF_8);
            int end = sofar.indexOf("\r\n\r\n");
            if (end > 0) {
                int length = sofar.substring(0, end).lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                        .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(-1);
                if (length >= 0 && out.size() >= end + 4 + length) {
                    break;
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
