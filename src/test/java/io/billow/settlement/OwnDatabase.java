package io.billow.settlement;

import io.billow.store.Database;
import io.billow.store.ThrowAwayDirectory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/** A test class's own embedded PostgreSQL in a throw-away directory: {@code @RegisterExtension static final OwnDatabase DB = ...}. */
final class OwnDatabase implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private Path dir;
    private Database db;

    OwnDatabase(String prefix) {
        this.prefix = prefix;
    }

    Jdbi jdbi() {
        return db.jdbi();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory(prefix);
        db = Database.startEmbedded(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        db.close();
        ThrowAwayDirectory.delete(dir);
    }
}
