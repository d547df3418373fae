package io.billow.store;

/**
 * The database could not be started or reached. {@link #reason()} is stable (tests and the CLI
 * branch on it); the message is for humans and always says what to do next.
 */
public final class DatabaseStartException extends RuntimeException {

    /** Why the database is unavailable. */
    public enum Reason {
        /** Another live Billow holds the data directory's lock. */
        DATA_DIRECTORY_IN_USE,
        /** The data directory was created by another PostgreSQL major version. */
        VERSION_MISMATCH,
        /** The data directory exists but is not a PostgreSQL data directory. */
        NOT_A_DATA_DIRECTORY,
        /** The requested port on 127.0.0.1 is held by another process. */
        PORT_IN_USE,
        /** A server answered on our port, but it serves another data directory. */
        STRANGER_ON_PORT,
        /** Running as root, and no user namespace to run PostgreSQL as a non-root user. */
        ROOT_WITHOUT_USER_NAMESPACE,
        /** The server runs with settings that could lose committed data. */
        NOT_DURABLE,
        /** The embedded binaries could not be found or unpacked. */
        BINARIES_UNAVAILABLE,
        /** The data directory was made on the other clock (simulated or wall) than the one asked for. */
        CLOCK_MODE_MISMATCH,
        /** initdb, pg_ctl, the connection or the migrations failed. */
        START_FAILED
    }

    private final Reason reason;

    public DatabaseStartException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DatabaseStartException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
