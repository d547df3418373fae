package io.billow.simulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulation itself knows of the world it made: its accounts with the money put into
 * them, and their instances. The invariants compare the server's figures with this.
 */
final class World {

    /** An account: its credentials and every amount the simulation paid in. */
    static final class Account {
        final String id;
        final String token;
        final BigDecimal opening;
        BigDecimal topUps = BigDecimal.ZERO;
        final List<String> topUpReferences = new ArrayList<>();

        Account(String id, String token, BigDecimal opening) {
            this.id = id;
            this.token = token;
            this.opening = opening;
        }
    }

    /** An instance the simulation created, and the usage event ids it sent for it. */
    static final class Instance {
        final String id;
        final Account account;
        final String product;
        final boolean subscription;
        /** The bodies of the usage reports sent, to send one again as a duplicate. */
        final List<String> usageReports = new ArrayList<>();
        boolean released;
        /** Whether its last switch to serverless was accepted (and none back since): only then does it report RCU. */
        boolean serverless;

        Instance(String id, Account account, String product, boolean subscription) {
            this.id = id;
            this.account = account;
            this.product = product;
            this.subscription = subscription;
        }
    }

    final String prefix;
    final List<Account> accounts = new ArrayList<>();
    final List<Instance> instances = new ArrayList<>();

    /** {@code prefix} keeps the names of one seed's world apart from another's on the same server. */
    World(String prefix) {
        this.prefix = prefix;
    }

    Account account(int pick) {
        return accounts.get(pick % accounts.size());
    }

    /** The live instance {@code pick} lands on among those that {@code fits}, or null when there is none. */
    Instance live(int pick, java.util.function.Predicate<Instance> fits) {
        List<Instance> live = instances.stream().filter(i -> !i.released && fits.test(i)).toList();
        return live.isEmpty() ? null : live.get(pick % live.size());
    }
}
