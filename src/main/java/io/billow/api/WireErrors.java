package io.billow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RequestIds;
import io.billow.problem.Codes;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The web server's own refusals (a path that is not UTF-8, a NUL in the request line, both
 * {@code Transfer-Encoding} and {@code Content-Length}, headers too large), written in the JSON
 * error shape of the API the request was for, instead of Jetty's HTML page: a client reads every
 * refusal the same way, whichever layer made it.
 *
 * <p>The API is told by the path, as the routes tell it: {@code /api/} is the native API, every
 * other path the RPC API. When the request line could not be read at all, the path is unknown
 * and the body carries both shapes' fields ({@code code}/{@code message} and
 * {@code Code}/{@code Message}/{@code RequestId}), which differ in case and so never collide.
 * Installed on the server and on the servlet context, the two places Jetty refuses requests
 * ({@link HttpEdge}).
 */
final class WireErrors extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/json;charset=utf-8";
    /** What Jetty names the request it makes up for a request line it could not parse. */
    private static final String UNREAD_PATH = "/badMessage";
    private static final int MAX_HOST_ID_LENGTH = 255;

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        byte[] body = body(status, message, Optional.ofNullable(path).filter(p -> !p.equals(UNREAD_PATH)),
                request.getHeaders().get(HttpHeader.HOST));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The body of a refusal made while parsing, before there is a request to speak of. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, CONTENT_TYPE));
        return ByteBuffer.wrap(body(status, reason, Optional.empty(), null));
    }

    static byte[] body(int status, String reason, Optional<String> path, String host) {
        String code = code(status);
        String why = reason == null || reason.isBlank() ? "the request is malformed" : reason;
        String message = "the HTTP request was refused (" + status + "): " + why;
        ObjectNode body = JSON.createObjectNode();
        boolean rest = path.map(p -> p.startsWith("/api/")).orElse(true);
        boolean rpc = path.map(p -> !p.startsWith("/api/")).orElse(true);
        if (rest) {
            body.put("code", code).put("message", message);
        }
        if (rpc) {
            body.put("RequestId", RequestIds.random().get()).put("HostId", hostId(host))
                    .put("Code", code).put("Message", Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".")
                    .put("Recommend", "Send a well-formed HTTP/1.1 request: a UTF-8, percent-encoded path without NUL, and one framing header.");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The endpoint the caller addressed, as the gateway names it, bounded: the header is the client's. */
    private static String hostId(String host) {
        if (host == null || host.isBlank()) {
            return "billow";
        }
        return host.length() > MAX_HOST_ID_LENGTH ? host.substring(0, MAX_HOST_ID_LENGTH) : host;
    }

    /** One code per status Jetty refuses with, the same on both APIs. */
    static String code(int status) {
        return switch (status) {
            case 404 -> Codes.NOT_FOUND;
            case 405 -> Codes.METHOD_NOT_ALLOWED;
            case 408 -> Codes.REQUEST_TIMEOUT;
            case 413 -> Codes.REQUEST_TOO_LARGE;
            case 414 -> Codes.URI_TOO_LONG;
            case 431 -> Codes.HEADERS_TOO_LARGE;
            case 503 -> Codes.SERVICE_UNAVAILABLE;
            case 505 -> Codes.HTTP_VERSION;
            default -> status >= 500 ? Codes.INTERNAL_ERROR : Codes.MALFORMED_REQUEST;
        };
    }
}
