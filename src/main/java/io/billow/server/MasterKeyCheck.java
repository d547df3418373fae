package io.billow.server;

import io.billow.account.SecretSealer;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/**
 * Makes sure this node's master key opens the database's secrets before it answers anything. The
 * first node seals a known text into {@code master_key_check}; a node with another key cannot
 * open it and refuses to start (else every account created on one node would answer 500 on the
 * other). A database from before the check is tested on one of its sealed access-key secrets.
 */
final class MasterKeyCheck {

    /** What is sealed: its content does not matter, only that it opens. */
    private static final String KNOWN = "billow master key check";

    private MasterKeyCheck() {
    }

    /** @throws IllegalStateException saying what to do, if the key is not the database's */
    static void verify(Jdbi jdbi, SecretSealer sealer) {
        Optional<byte[]> sample = jdbi.withHandle(h -> h.createQuery("SELECT sealed FROM master_key_check WHERE id = 1")
                .mapTo(byte[].class).findOne()
                .or(() -> h.createQuery("SELECT secret_sealed FROM access_keys LIMIT 1").mapTo(byte[].class).findOne()));
        if (sample.isEmpty()) {
            // A new database: the first node's key becomes its key. Two first nodes racing: one insert wins, the other is checked.
            sealKnown(jdbi, sealer);
            sample = jdbi.withHandle(h -> h.createQuery("SELECT sealed FROM master_key_check WHERE id = 1").mapTo(byte[].class).findOne());
        }
        if (!opens(sealer, sample.orElseThrow())) {
            throw new IllegalStateException("this node's master key does not open the secrets of this database: it was set up by a node"
                    + " with another master key. Start this node with --master-key-file pointing to a copy of that node's master.key"
                    + " (in its data directory), or set " + ServerKeys.MASTER_KEY_ENV + " to its content");
        }
        sealKnown(jdbi, sealer); // a database from before the check gets one
    }

    private static void sealKnown(Jdbi jdbi, SecretSealer sealer) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO master_key_check (id, sealed) VALUES (1, :s) ON CONFLICT (id) DO NOTHING")
                .bind("s", sealer.seal(KNOWN)).execute());
    }

    private static boolean opens(SecretSealer sealer, byte[] sealed) {
        try {
            sealer.open(sealed);
            return true;
        } catch (IllegalStateException wrongKey) {
            return false;
        }
    }
}
