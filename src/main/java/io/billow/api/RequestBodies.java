package io.billow.api;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one limit on request bodies, shared by the native and the RPC API, and what happens to a
 * body that is refused for its size.
 *
 * <p>A refusal sent while the client is still writing is often lost: the server closes a
 * connection with unread bytes, the kernel resets it, and the client sees a broken pipe instead
 * of the answer. So a refused body is read to its end before the answer goes out, up to
 * {@link #MAX_DRAINED_BYTES}; a client further over than that gets the closed connection.
 */
public final class RequestBodies {

    /** The largest body either API reads; the SDKs' largest requests are a few kilobytes. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** The most of a refused body the server reads and discards so that its answer arrives. */
    public static final long MAX_DRAINED_BYTES = 16L << 20;

    private RequestBodies() {
    }

    /** Reads and discards the rest of a refused body, bounded; errors mean the client has gone. */
    public static void discardRefused(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > MAX_DRAINED_BYTES) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAINED_BYTES;
        try {
            InputStream in = request.getInputStream();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | IllegalStateException clientGone) {
            // Nothing to do: the refusal is still written, and the connection closes.
        }
    }
}
