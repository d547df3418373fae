package io.billow.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.billow.store.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The server's two secrets, kept in the data directory with owner-only permissions: the
 * operator key (unless given by --admin-key or BILLOW_ADMIN_KEY) and the master key that seals
 * access-key secrets in the database. Nodes sharing one database share the master key
 * ({@code --master-key-file} or {@code BILLOW_MASTER_KEY}); {@link MasterKeyCheck} refuses a
 * node whose key does not open the database's secrets.
 */
public record ServerKeys(String adminKey, byte[] masterKey, boolean adminKeyGenerated) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The environment variable that gives the master key (base64 of 32 bytes), as {@code --master-key-file} does. */
    public static final String MASTER_KEY_ENV = "BILLOW_MASTER_KEY";

    public static ServerKeys load(Path dataDir, String adminKeyOption) {
        return load(dataDir, adminKeyOption, Optional.empty());
    }

    /**
     * The keys; the master key from {@code masterKeyFile}, else {@link #MASTER_KEY_ENV}, else the data
     * directory's {@code master.key} (created on first start). Nodes sharing a database must share it.
     */
    public static ServerKeys load(Path dataDir, String adminKeyOption, Optional<Path> masterKeyFile) {
        try {
            Files.createDirectories(dataDir);
            String master = masterKey(dataDir, masterKeyFile);
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
            return new ServerKeys(checked(admin, source), decoded(master), generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the keys in " + dataDir, e);
        }
    }

    private static String masterKey(Path dataDir, Optional<Path> file) throws IOException {
        if (file.isPresent()) {
            if (!Files.isRegularFile(file.get())) {
                throw new IllegalArgumentException("--master-key-file " + file.get() + " does not exist; give the master.key file of the"
                        + " first node on this database (its data directory's master.key)");
            }
            return Files.readString(file.get());
        }
        String env = System.getenv(MASTER_KEY_ENV);
        if (env != null && !env.isBlank()) {
            return env;
        }
        return SecretFiles.readOrCreate(dataDir.resolve("master.key"), () -> Base64.getEncoder().encodeToString(random(32)));
    }

    /** A master key is base64 of exactly 32 bytes (AES-256); anything else is refused before it seals a secret. */
    private static byte[] decoded(String master) {
        try {
            byte[] key = Base64.getDecoder().decode(master.trim());
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, with what a master key looks like
        }
        throw new IllegalArgumentException("the master key is not base64 of 32 bytes; give the content of the first node's master.key");
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
