package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL data directory ({@code <dataDir>/pg}): checking an existing one, creating a new one. */
final class ClusterDirectory {

    /** initdb writes here first, so a crash mid-initdb never leaves a half-made {@code pg}. */
    private static final String INITDB_PREFIX = "pg.initdb-";
    private static final Logger log = LoggerFactory.getLogger(ClusterDirectory.class);

    private ClusterDirectory() {
    }

    /** Refuses a data directory made by another major version, or something that is not one. */
    static void check(Path pgDir) throws IOException {
        if (!Files.exists(pgDir)) {
            return;
        }
        Path versionFile = pgDir.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            throw new DatabaseStartException(Reason.NOT_A_DATA_DIRECTORY,
                    pgDir + " exists but is not a PostgreSQL data directory (it has no PG_VERSION);"
                            + " move it away, or give Billow another data directory");
        }
        String version = Files.readString(versionFile, StandardCharsets.UTF_8).strip();
        if (!version.equals(PostgresBinaries.MAJOR_VERSION)) {
            throw new DatabaseStartException(Reason.VERSION_MISMATCH,
                    "data directory " + pgDir + " was created by PostgreSQL " + version
                            + ", but Billow's embedded server is PostgreSQL " + PostgresBinaries.MAJOR_VERSION
                            + "; upgrade the directory with pg_upgrade, or run Billow with --db-url pointing at a"
                            + " PostgreSQL " + version + " server");
        }
    }

    /** Runs initdb beside {@code pgDir} and renames the result into place when it is complete. */
    static void create(Path dataDirectory, Path pgDir, PostgresPrograms programs) throws IOException {
        deleteLeftoverInitdbDirectories(dataDirectory);
        Path fresh = dataDirectory.resolve(INITDB_PREFIX + ProcessHandle.current().pid());
        programs.initdb(fresh, LocalPostgres.SUPERUSER, dataDirectory.resolve(ClusterPassword.FILE));
        // Replaces initdb's rules: one role, with its password, over loopback TCP, nothing else.
        ClusterPassword.writeHba(fresh);
        try {
            Files.move(fresh, pgDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + fresh + " to " + pgDir + " atomically", e);
        }
        log.info("created a PostgreSQL {} data directory at {}", PostgresBinaries.MAJOR_VERSION, pgDir);
    }

    private static void deleteLeftoverInitdbDirectories(Path dataDirectory) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            leftovers = entries.filter(path -> path.getFileName().toString().startsWith(INITDB_PREFIX)).toList();
        }
        for (Path leftover : leftovers) {
            try (Stream<Path> paths = Files.walk(leftover)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
