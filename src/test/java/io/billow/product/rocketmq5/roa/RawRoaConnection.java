package io.billow.product.rocketmq5.roa;

import com.aliyun.openapiutil.Client;
import com.aliyun.tea.TeaRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One HTTP/1.1 connection kept open across requests, each signed by the SDK's own V3 signer
 * ({@code openapiutil} {@code getAuthorization}) over the path exactly as written here: what the
 * Tea client sends, with the framing in the test's hands (a chunked empty DELETE).
 */
final class RawRoaConnection implements AutoCloseable {

    record Response(int status, Map<String, String> headers, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final String accessKeyId;
    private final String accessKeySecret;

    RawRoaConnection(int port, String accessKeyId, String accessKeySecret) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.host = "127.0.0.1:" + port;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** Sends a request with no body; {@code chunked} frames it as the Tea client frames a DELETE: an empty chunked body. */
    Response send(String method, String rawPath, String action, boolean chunked) throws Exception {
        return send(method, rawPath, action, chunked, new byte[0]);
    }

    /** The same with a JSON body, sent with its length; {@code rawPath} may carry a query string, signed decoded. */
    Response send(String method, String rawPath, String action, boolean chunked, byte[] body) throws Exception {
        TeaRequest request = new TeaRequest();
        request.method = method;
        request.pathname = rawPath;
        request.query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-acs-version", "2022-08-01");
        headers.put("x-acs-action", action);
        headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        String hashed = Client.hexEncode(Client.hash(body, "ACS3-HMAC-SHA256"));
        headers.put("x-acs-content-sha256", hashed);
        headers.put("accept", "application/json");
        if (body.length > 0) {
            headers.put("content-type", "application/json; charset=utf-8");
        }
        request.headers = headers;
        headers.put("Authorization", Client.getAuthorization(request, "ACS3-HMAC-SHA256", hashed, accessKeyId, accessKeySecret));
        StringBuilder head = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append(chunked ? "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" : body.length > 0 ? "Content-Length: " + body.length + "\r\n\r\n" : "\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            line();
            body = all.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new Response(status, headers, body.length == 0 ? JSON.nullNode() : JSON.readTree(body));
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
