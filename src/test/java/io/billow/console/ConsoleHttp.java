package io.billow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A browser's calls of the console without the browser: its cookie and CSRF token, kept by hand. */
final class ConsoleHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    private final String base;
    private String cookie = "";
    private String csrf = "";

    ConsoleHttp(String base) {
        this.base = base;
    }

    Answer signIn(String key) {
        Answer a = send("POST", "/console/session", "{\"accessKey\":\"" + key + "\"}", false);
        if (a.status() == 200) {
            cookie = a.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            csrf = a.json().get("csrf").asText();
        }
        return a;
    }

    String cookieHeader() {
        return cookie;
    }

    Answer get(String path) {
        return send("GET", path, null, false);
    }

    /** A change with the session's CSRF token, as the console's pages send it. */
    Answer change(String method, String path, String body) {
        return send(method, path, body, true);
    }

    /** A change without it, as a page of another site would send it. */
    Answer forged(String method, String path, String body) {
        return send(method, path, body, false);
    }

    private Answer send(String method, String path, String body, boolean withCsrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        if (withCsrf) {
            b.header(ConsoleRoutes.CSRF_HEADER, csrf);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Optional<String> header(Answer a, String name) {
        return a.raw().headers().firstValue(name);
    }
}
