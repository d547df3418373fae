package io.billow.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    @Test
    void unpacksOnceIntoVersionedDirectoryWithExecutablesAndLinks(@TempDir Path cache) throws Exception {
        PostgresBinaries binaries = PostgresBinaries.install(cache);

        assertThat(binaries.home()).isEqualTo(cache.resolve("postgres-" + PostgresBinaries.VERSION));
        for (String program : new String[] {"postgres", "initdb", "pg_ctl"}) {
            assertThat(binaries.program(program)).isExecutable();
        }
        assertThat(binaries.home().resolve("lib/libpq.so.5")).isSymbolicLink();
        assertThat(binaries.home().resolve("share/postgresql/postgres.bki")).isRegularFile();
        // Nothing half-made is left next to it.
        try (var entries = Files.list(cache)) {
            assertThat(entries).containsExactly(binaries.home());
        }

        long unpackedAt = Files.getLastModifiedTime(binaries.program("postgres")).toMillis();
        PostgresBinaries again = PostgresBinaries.install(cache);
        assertThat(again.home()).isEqualTo(binaries.home());
        assertThat(Files.getLastModifiedTime(again.program("postgres")).toMillis()).isEqualTo(unpackedAt);
    }

    @Test
    void replacesIncompleteTreeLeftByCrash(@TempDir Path cache) throws Exception {
        Path home = cache.resolve("postgres-" + PostgresBinaries.VERSION);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/postgres"), "truncated");

        PostgresBinaries binaries = PostgresBinaries.install(cache);

        assertThat(binaries.program("postgres")).isExecutable();
        assertThat(Files.size(binaries.program("postgres"))).isGreaterThan(1_000_000);
    }
}
