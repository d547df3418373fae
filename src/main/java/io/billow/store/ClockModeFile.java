package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Which clock a data directory's bills were made on, kept in {@code <dataDir>/clock-mode}:
 * {@code simulated} or {@code wall}. Starting it on the other clock is refused. A simulation a
 * month ahead, restarted on the wall clock, would move time back a month, and a wall-clock
 * ledger restarted simulated would let anyone with the operator key move its time.
 *
 * <p>A data directory from an earlier version has no file; its mode is read from its database:
 * a saved simulated time means simulated, accounts without one mean the wall clock, and an
 * empty database takes the mode it is started with.
 */
public final class ClockModeFile {

    static final String FILE = "clock-mode";

    /** The two clocks a data directory can run on. */
    public enum Mode {
        /** Time moves only when the operator advances it ({@code --simulated-clock}). */
        SIMULATED,
        /** The machine's clock. */
        WALL;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ClockModeFile() {
    }

    /**
     * Records the mode on first start; refuses a start in the other one. The database is closed
     * before refusing, as the server that opened it goes no further.
     *
     * @throws DatabaseStartException with {@link Reason#CLOCK_MODE_MISMATCH} and what to do
     */
    public static void check(Path dataDir, Database database, boolean simulated) {
        Mode requested = simulated ? Mode.SIMULATED : Mode.WALL;
        try {
            Path file = dataDir.resolve(FILE);
            Optional<Mode> remembered = read(file).or(() -> inferred(database.jdbi()));
            if (remembered.isPresent() && remembered.get() != requested) {
                String message = mismatch(dataDir, remembered.get(), savedTime(database.jdbi()));
                database.close();
                throw new DatabaseStartException(Reason.CLOCK_MODE_MISMATCH, message);
            }
            if (!Files.exists(file)) {
                Path tmp = file.resolveSibling(FILE + ".tmp");
                Files.writeString(tmp, requested.word() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException("cannot read or write " + dataDir.resolve(FILE), e);
        }
    }

    private static Optional<Mode> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String word = Files.readString(file, StandardCharsets.UTF_8).strip();
        for (Mode mode : Mode.values()) {
            if (mode.word().equals(word)) {
                return Optional.of(mode);
            }
        }
        throw new DatabaseStartException(Reason.CLOCK_MODE_MISMATCH,
                file + " says \"" + word + "\", not simulated or wall; put back the word it held");
    }

    private static Optional<Mode> inferred(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            if (h.createQuery("SELECT count(*) FROM clock_state").mapTo(Long.class).one() > 0) {
                return Optional.of(Mode.SIMULATED);
            }
            boolean used = h.createQuery("SELECT EXISTS (SELECT 1 FROM accounts)").mapTo(Boolean.class).one();
            return used ? Optional.of(Mode.WALL) : Optional.empty();
        });
    }

    private static Optional<java.time.Instant> savedTime(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT now FROM clock_state WHERE id = 1").mapTo(Timestamp.class).findOne()
                .map(Timestamp::toInstant));
    }

    private static String mismatch(Path dataDir, Mode remembered, Optional<java.time.Instant> simulatedNow) {
        if (remembered == Mode.SIMULATED) {
            return "data directory " + dataDir + " runs on a simulated clock" + simulatedNow.map(t -> " (it stands at " + t + ")").orElse("")
                    + "; started on the wall clock, its time would jump. Start it again with --simulated-clock,"
                    + " or give another --data directory for the wall clock";
        }
        return "data directory " + dataDir + " runs on the wall clock; a simulated clock would let its time be moved."
                + " Start it without --simulated-clock, or give another --data directory for a simulation";
    }
}
