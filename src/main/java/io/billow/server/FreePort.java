package io.billow.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks the port before the database starts, so that a taken port fails fast and plainly. */
final class FreePort {

    private FreePort() {
    }

    /** A port held by another program is a clear error, before anything else starts. */
    static void check(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is already in use by another program; "
                    + "stop it or choose another port with --port");
        }
    }
}
