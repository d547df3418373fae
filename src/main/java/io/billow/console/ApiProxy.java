package io.billow.console;

import io.javalin.http.Context;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Forwards a console call to the native API on the same server with the session's key, so the
 * console is a plain client of the API: every figure and refusal it shows is the API's own.
 */
final class ApiProxy {

    /** A long simulated-clock advance answers only when its work has run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the API answered. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private ApiProxy() {
    }

    /** The same method, API path, query and body as the console's request; only the key is the session's. */
    static Answer forward(Context ctx, String apiPath, ConsoleSessions.Session s, byte[] body) throws IOException, InterruptedException {
        String target = ScopedCalls.path(apiPath, Optional.ofNullable(ctx.queryString()).orElse(""), s);
        HttpRequest.BodyPublisher publisher = body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(self(ctx) + target)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + s.token()).method(ctx.method().name(), publisher);
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    /** A GET of the API on the console's behalf (the CSV export reads the bills it prints). */
    static Answer get(Context ctx, String apiPathAndQuery, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(self(ctx) + apiPathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body());
    }

    /** This server, at the address the browser's connection reached. */
    private static String self(Context ctx) {
        String host = ctx.req().getLocalAddr();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + ctx.req().getLocalPort();
    }
}
