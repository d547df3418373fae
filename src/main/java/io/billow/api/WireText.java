package io.billow.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text as both APIs accept it at the door: valid UTF-8 (decoded strictly, never with replacement
 * characters) and free of NUL, which no stored text may hold (PostgreSQL refuses it). Refusing
 * here turns what would be a database fault later into the client's clear mistake now.
 */
public final class WireText {

    private WireText() {
    }

    /** Why a raw (still percent-encoded) query string or form body is refused, if it is. */
    public static Optional<String> problemWith(String rawUrlEncoded, String where) {
        for (int i = 0; i < rawUrlEncoded.length(); i++) {
            char c = rawUrlEncoded.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                // RFC 3986: a URL is printable ASCII; anything else arrived unencoded or was mangled on the way.
                return Optional.of("the " + where + " holds a character that is not percent-encoded printable ASCII");
            }
        }
        for (String part : rawUrlEncoded.split("[&=]", -1)) {
            try {
                if (decodeComponent(part).indexOf('\0') >= 0) {
                    return Optional.of("the " + where + " holds a NUL character (%00)");
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.of("the " + where + " " + malformed.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes one name or value of a query string or form body. {@code +} means space, as in
     * HTML forms (the SDKs write form bodies with {@code URLEncoder}, which emits it).
     *
     * @throws IllegalArgumentException when an escape is malformed or the bytes are not UTF-8
     */
    public static String decodeComponent(String text) {
        if (text.indexOf('%') < 0) {
            return text.replace('+', ' ');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("has a malformed percent escape (% must be followed by two hex digits)");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] literal = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return utf8(bytes.toByteArray(), "is not valid UTF-8 once percent-decoded");
    }

    /** The bytes as UTF-8, strictly; {@code why} is the message of the refusal. */
    public static String utf8(byte[] bytes, String why) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException(why);
        }
    }

    /** Whether the bytes are valid UTF-8 without a NUL: what a body must be before it is parsed. */
    public static boolean isCleanUtf8(byte[] bytes) {
        try {
            return utf8(bytes, "").indexOf('\0') < 0;
        } catch (IllegalArgumentException notUtf8) {
            return false;
        }
    }
}
