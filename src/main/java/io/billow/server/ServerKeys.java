package io.billow.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
            byte[] master = readOrCreate(dataDir.resolve("master.key"), () -> Base64.getEncoder().encodeToString(random(32)));
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
                admin = withoutLineEnd(new String(readOrCreate(file, () -> "bk_" + HexFormat.of().formatHex(random(24))),
                        StandardCharsets.UTF_8));
                source = file.toString();
            }
            return new ServerKeys(checked(admin, source), Base64.getDecoder().decode(new String(master, StandardCharsets.UTF_8).trim()),
                    generated);
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

    /** The key file holds the key and one line end, as Billow writes it. */
    private static String withoutLineEnd(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static byte[] readOrCreate(Path file, java.util.function.Supplier<String> create) throws IOException {
        if (!Files.exists(file)) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, create.get() + "\n");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection applies
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readAllBytes(file);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
