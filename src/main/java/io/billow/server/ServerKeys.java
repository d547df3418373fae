package io.billow.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.billow.store.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The server's two secrets, kept in the data directory with owner-only permissions: the
 * operator key (unless given by --admin-key or BILLOW_ADMIN_KEY) and the master key that seals
 * access-key secrets in the database.
 */
public record ServerKeys(String adminKey, byte[] masterKey, boolean adminKeyGenerated) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static ServerKeys load(Path dataDir, String adminKeyOption) {
        try {
            Files.createDirectories(dataDir);
            String master = SecretFiles.readOrCreate(dataDir.resolve("master.key"), () -> Base64.getEncoder().encodeToString(random(32)));
            boolean generated = false;
            String admin = adminKeyOption;
            String source = "--admin-key";
            if (admin == null || admin.isEmpty()) {
                admin = System.getenv("BILLOW_ADMIN_KEY");
                source = "BILLOW_ADMIN_KEY";
            }
            if (admin == null || admin.isEmpty()) {
                Path file = dataDir.resolve("admin.key");
                generated = !Files.exists(file);
                admin = SecretFiles.readOrCreate(file, () -> "bk_" + HexFormat.of().formatHex(random(24)));
                source = file.toString();
            }
            return new ServerKeys(checked(admin, source), Base64.getDecoder().decode(master.trim()), generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the keys in " + dataDir, e);
        }
    }

    /**
     * The operator key is compared exactly, and HTTP drops the spaces around a header's value: a
     * key with spaces around it, or a control character in it, could never be sent as it is, so
     * it is refused here rather than trimmed into another key.
     */
    static String checked(String key, String source) {
        boolean surrounded = !key.isEmpty() && (Character.isWhitespace(key.charAt(0)) || Character.isWhitespace(key.charAt(key.length() - 1)));
        boolean control = key.chars().anyMatch(Character::isISOControl);
        if (key.isEmpty() || surrounded || control) {
            throw new IllegalArgumentException("the operator key from " + source + " is empty, has spaces around it or holds a control"
                    + " character; give one without (it is compared exactly)");
        }
        return key;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
