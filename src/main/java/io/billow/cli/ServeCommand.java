package io.billow.cli;

import io.billow.api.RequestLimits;
import io.billow.node.Leases;
import io.billow.server.BillowServer;
import io.billow.server.NodeOptions;
import io.billow.time.Instants;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code billow serve}: runs the server until SIGTERM or Ctrl-C. */
@Command(name = "serve", description = "Start the Billow server.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", defaultValue = "./billow-data", description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db-url", description = "JDBC URL of an external PostgreSQL instead of the embedded one.")
    String dbUrl;

    @Option(names = "--simulated-clock", description = "Make the clock settable through POST /api/v1/clock.")
    boolean simulatedClock;

    @Option(names = "--clock-start", description = "Where a new simulated clock starts (ISO-8601 instant).")
    String clockStart;

    @Option(names = "--catalog", description = "Directory of catalog YAML files (default: the bundled catalog).")
    Path catalog;

    @Option(names = "--admin-key", description = "Operator key (default: BILLOW_ADMIN_KEY, or one generated and saved in the data directory).")
    String adminKey;

    @Option(names = "--settlement-batch", defaultValue = "5000",
            description = "Instances settled per transaction, 1..10000 (default ${DEFAULT-VALUE}).")
    int settlementBatch;

    @Option(names = "--allow-local-webhooks",
            description = "Let webhooks post to loopback and private addresses (local testing only; refused otherwise).")
    boolean allowLocalWebhooks;

    @Option(names = "--master-key-file", description = "The master key that seals secrets in the database (default: BILLOW_MASTER_KEY,"
            + " or the data directory's master.key). Every node on one database needs the same one.")
    Path masterKeyFile;

    @Option(names = "--lease-seconds", defaultValue = "" + Leases.DEFAULT_SECONDS,
            description = "How long a node's claim on scheduled work lasts unrenewed: how soon another node takes over the work"
                    + " of one that died (default ${DEFAULT-VALUE}).")
    int leaseSeconds;
    @Option(names = "--rate-limit", defaultValue = "1000",
            description = "Requests a second each account may make, after its burst (default ${DEFAULT-VALUE}); beyond: 429 / Throttling.User.")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "10000",
            description = "Requests an account may make at once before --rate-limit applies (default ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--request-timeout", defaultValue = "30",
            description = "Seconds a request may wait in the queue or leave its connection idle (default ${DEFAULT-VALUE}); beyond: 503 or 408.")
    long requestTimeout;

    @Option(names = "--max-concurrent-requests", defaultValue = "64",
            description = "Requests handled at once (default ${DEFAULT-VALUE}); the thread pool is sized from it.")
    int maxConcurrent;

    @Option(names = "--max-queued-requests", defaultValue = "1000",
            description = "Requests waiting for a turn (default ${DEFAULT-VALUE}); beyond: 503.")
    int maxQueued;

    @Spec
    CommandSpec spec;

    /** The request limits the options say; out-of-range figures are a usage error, before anything starts. */
    RequestLimits limits() {
        try {
            return new RequestLimits(rateLimit, rateBurst, Duration.ofSeconds(requestTimeout), maxConcurrent, maxQueued);
        } catch (IllegalArgumentException refused) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate-limit, --rate-burst, --request-timeout and "
                    + "--max-concurrent-requests must be positive and --max-queued-requests at least 0: " + refused.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        RequestLimits limits = limits();
        BillowServer server = BillowServer.start(new BillowServer.Options(host, port, data, dbUrl, simulatedClock,
                clockStart == null ? null : Instants.parse(clockStart), catalog, adminKey, settlementBatch, allowLocalWebhooks,
                new NodeOptions(Optional.ofNullable(masterKeyFile), leaseSeconds),
                limits));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "billow-shutdown"));
        if (server.keys().adminKeyGenerated()) {
            System.out.println("Operator key (shown once; saved in " + data.resolve("admin.key") + "): " + server.keys().adminKey());
        }
        System.out.println("Billow listening on " + server.url());
        System.out.flush();
        stopped.await();
        return 0;
    }

}
