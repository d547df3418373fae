package io.billow.api;

import io.javalin.config.JavalinConfig;

/**
 * How the web server meets requests, for both APIs: header values exactly as sent, and its own
 * refusals in the APIs' JSON error shapes ({@link WireErrors}).
 */
public final class HttpEdge {

    private HttpEdge() {
    }

    public static void install(JavalinConfig config) {
        // Jetty keeps a per-connection cache of header fields and, by default, matches values in it
        // ignoring case: after "Bearer key" on a connection, "Bearer KEY" would arrive as "Bearer key".
        // Keys and signatures are compared exactly, so the cache must be too.
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
        WireErrors errors = new WireErrors();
        config.jetty.modifyServer(server -> server.setErrorHandler(errors));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
    }
}
