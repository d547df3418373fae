package io.billow.server;

import io.billow.account.SecretSealer;
import io.billow.clock.BillowClock;
import io.billow.clock.SimulatedClock;
import io.billow.clock.SystemClock;
import io.billow.node.Leases;
import io.billow.store.Database;
import io.billow.store.DatabaseClockStore;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * What lets several nodes share one database, wired at start: the master key checked against the
 * database's, the simulated clock read from the database, and the leases under which this node
 * claims scheduled work, named by an id kept in its data directory (so that a node restarted
 * after a crash takes its own unfinished work back at once, without waiting for its lease).
 */
final class NodeWiring {

    /** The file in the data directory that names this node in its leases. */
    static final String NODE_ID_FILE = "node.id";

    private NodeWiring() {
    }

    /** Refuses to go on, the database closed, if this node's master key does not open the database's secrets. */
    static void checkMasterKey(Database database, ServerKeys keys) {
        try {
            MasterKeyCheck.verify(database.jdbi(), new SecretSealer(keys.masterKey()));
        } catch (IllegalStateException e) {
            database.close();
            throw e;
        }
    }

    /** The wall clock, or a simulated clock whose time is the database's (started at {@code requestedStart} if new or later). */
    static BillowClock clock(Jdbi jdbi, boolean simulated, Instant requestedStart) {
        if (!simulated) {
            return new SystemClock();
        }
        return new SimulatedClock(DatabaseClockStore.open(jdbi, requestedStart, new SystemClock().now()));
    }

    static Leases leases(Jdbi jdbi, Path dataDir, int leaseSeconds) {
        return new Leases(jdbi, nodeId(dataDir), leaseSeconds);
    }

    private static String nodeId(Path dataDir) {
        Path file = dataDir.resolve(NODE_ID_FILE);
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "node-" + UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
