package io.billow.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How a presented key or secret is compared with the real one: exactly (no trimming, no case
 * folding: a key that is almost right is wrong) and in time that tells nothing about either.
 * Both sides are hashed first, so that neither where they differ nor how long the real one is
 * shows in the time taken.
 */
public final class KeyComparison {

    private KeyComparison() {
    }

    public static boolean matches(String presented, String real) {
        return MessageDigest.isEqual(sha256(presented), sha256(real));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
