package io.billow.server;

import io.billow.node.Leases;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a node shares its database with other nodes.
 *
 * @param masterKeyFile the master key to use (else {@code BILLOW_MASTER_KEY}, else the data directory's {@code master.key})
 * @param leaseSeconds  how long a claim on scheduled work lasts unrenewed: the longest a dead node's work waits for another
 */
public record NodeOptions(Optional<Path> masterKeyFile, int leaseSeconds) {

    /** A lone node: the data directory's master key, leases of the default length. */
    public static final NodeOptions DEFAULT = new NodeOptions(Optional.empty(), Leases.DEFAULT_SECONDS);

    public NodeOptions {
        if (leaseSeconds < 1 || leaseSeconds > Leases.MAX_SECONDS) {
            throw new IllegalArgumentException("--lease-seconds must be within 1.." + Leases.MAX_SECONDS + ", not " + leaseSeconds);
        }
    }
}
