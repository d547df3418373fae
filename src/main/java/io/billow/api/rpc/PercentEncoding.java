package io.billow.api.rpc;

import io.billow.api.WireText;
import java.nio.charset.StandardCharsets;

/**
 * The percent-encoding Alibaba Cloud signs with: RFC 3986 over UTF-8, where only
 * {@code A-Z a-z 0-9 - _ . ~} stay literal. Space is {@code %20} (never {@code +}),
 * {@code *} is {@code %2A}, {@code ~} stays {@code ~}.
 */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    /** Encodes each segment of a path, keeping the slashes that separate them. */
    public static String encodePath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(path.length());
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            out.append(encode(path.substring(start, end)));
            if (slash < 0) {
                return out.toString();
            }
            out.append('/');
            start = slash + 1;
        }
    }

    /**
     * Decodes one name or value of a query string or form body. {@code +} means space here,
     * as in HTML forms: the SDK writes form bodies with {@code URLEncoder}, which emits {@code +}.
     * Strict, as both APIs are at the door: see {@link WireText#decodeComponent}.
     *
     * @throws IllegalArgumentException when a {@code %} escape is malformed or the bytes are not UTF-8
     */
    public static String decodeComponent(String text) {
        return WireText.decodeComponent(text);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
