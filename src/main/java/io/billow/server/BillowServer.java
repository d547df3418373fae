package io.billow.server;

import io.billow.account.AccountStore;
import io.billow.account.SecretSealer;
import io.billow.api.RequestBodies;
import io.billow.api.RequestLimits;
import io.billow.api.RequestRates;
import io.billow.api.rest.AccountRoutes;
import io.billow.api.rest.ClockRoutes;
import io.billow.api.rest.InstanceRoutes;
import io.billow.api.rest.MoneyRoutes;
import io.billow.api.rest.ProductRoutes;
import io.billow.api.rest.ResourceRoutes;
import io.billow.api.rest.RestApi;
import io.billow.api.rest.TermRoutes;
import io.billow.api.rest.UsageRoutes;
import io.billow.api.rest.WebhookRoutes;
import io.billow.api.roa.RoaGateway;
import io.billow.api.rpc.RequestAuthenticator;
import io.billow.api.rpc.RpcGateway;
import io.billow.api.rpc.bss.BssActions;
import io.billow.api.rpc.Diagnoses;
import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.change.Adjustments;
import io.billow.change.ChangeAction;
import io.billow.change.ChangeRequests;
import io.billow.change.InstanceChanges;
import io.billow.change.SubscriptionToPayAsYouGo;
import io.billow.change.UsageIngest;
import io.billow.clock.BillowClock;
import io.billow.clock.SystemClock;
import io.billow.lifecycle.Lifecycle;
import io.billow.node.Leases;
import io.billow.operation.OperationRunner;
import io.billow.product.ProductModule;
import io.billow.product.analyticdb.AnalyticDbModule;
import io.billow.product.polardb.PolarDbModule;
import io.billow.product.rds.RdsModule;
import io.billow.product.rocketmq4.RocketMq4Module;
import io.billow.product.rocketmq5.RocketMq5Module;
import io.billow.provision.SimulatedProvisioner;
import io.billow.resource.InstanceResources;
import io.billow.scheduler.Scheduler;
import io.billow.settlement.Settler;
import io.billow.store.ClockModeFile;
import io.billow.store.ConnectionFailure;
import io.billow.store.Database;
import io.billow.store.DatabaseUrl;
import io.billow.subscription.Expiries;
import io.billow.subscription.PayTypeChanges;
import io.billow.subscription.RefundRequests;
import io.billow.subscription.SpecChanges;
import io.billow.subscription.Subscriptions;
import io.billow.webhook.WebhookDispatcher;
import io.billow.webhook.WebhookStore;
import io.javalin.Javalin;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Wires Billow together: database, catalog, clock, engine, scheduler and the HTTP surfaces. */
public final class BillowServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BillowServer.class);

    /**
     * How to run.
     *
     * @param dbUrl      an external PostgreSQL (JDBC URL), or null for the embedded one in {@code dataDir}
     * @param clockStart where a new simulated clock starts (null: the wall clock's now)
     * @param catalogDir operator catalog files, or null for the bundled catalog
     * @param allowLocalWebhooks whether webhooks may post to loopback and private addresses (local testing only)
     * @param limits     request rates per account, timeouts, concurrent and queued requests
     */
    public record Options(String host, int port, Path dataDir, String dbUrl, boolean simulatedClock, Instant clockStart,
                          Path catalogDir, String adminKey, int settlementBatch, boolean allowLocalWebhooks, NodeOptions node,
                          RequestLimits limits) {

        /** Webhooks to public addresses only, as every server but a local test runs. */
        public Options(String host, int port, Path dataDir, String dbUrl, boolean simulatedClock, Instant clockStart,
                       Path catalogDir, String adminKey, int settlementBatch) {
            this(host, port, dataDir, dbUrl, simulatedClock, clockStart, catalogDir, adminKey, settlementBatch, false);
        }

        /** The master key of the data directory (or BILLOW_MASTER_KEY), leases of the default length, the default request limits. */
        public Options(String host, int port, Path dataDir, String dbUrl, boolean simulatedClock, Instant clockStart,
                       Path catalogDir, String adminKey, int settlementBatch, boolean allowLocalWebhooks) {
            this(host, port, dataDir, dbUrl, simulatedClock, clockStart, catalogDir, adminKey, settlementBatch, allowLocalWebhooks,
                    NodeOptions.DEFAULT, RequestLimits.DEFAULT);
        }
    }

    private final Options options;
    private final Database database;
    private final ServerKeys keys;
    private final BillowClock clock;
    private final Catalog catalog;
    private final SimulatedProvisioner provisioner;
    private final Settler settler;
    private final Scheduler scheduler;
    private final InstanceChanges changes;
    private final AccountStore accounts;
    private final UsageIngest usage;
    private final SubscriptionToPayAsYouGo payTypes;
    private final InstanceResources resources;
    private final OperationRunner operations;
    private final Subscriptions subscriptions;
    private final Javalin http;
    private final ScheduledExecutorService ticker;
    private final WebhookDispatcher webhooks;

    private BillowServer(Options options) {
        this.options = options;
        this.keys = ServerKeys.load(options.dataDir(), options.adminKey(), options.node().masterKeyFile());
        this.catalog = options.catalogDir() == null ? CatalogLoader.fromClasspath() : CatalogLoader.fromDirectory(options.catalogDir());
        PortProbe.requireFree(options.host(), options.port());
        this.database = options.dbUrl() == null ? Database.startEmbedded(options.dataDir())
                : Database.external(DatabaseUrl.parse(options.dbUrl()), Database.DEFAULT_POOL_SIZE);
        Jdbi jdbi = database.jdbi();
        ClockModeFile.check(options.dataDir(), database, options.simulatedClock());
        NodeWiring.checkMasterKey(database, keys);
        this.clock = NodeWiring.clock(jdbi, options.simulatedClock(), options.clockStart());
        Leases leases = NodeWiring.leases(jdbi, options.dataDir(), options.node().leaseSeconds());
        CatalogVersions.record(jdbi, catalog, clock.now());
        this.provisioner = new SimulatedProvisioner(catalog);
        this.accounts = new AccountStore(jdbi, new SecretSealer(keys.masterKey()), Lifecycle::resumeAfterTopUp);
        this.changes = new InstanceChanges(jdbi, catalog, clock, provisioner);
        this.settler = new Settler(jdbi, catalog, options.settlementBatch());
        this.operations = new OperationRunner(jdbi, provisioner);
        this.subscriptions = new Subscriptions(catalog, clock, changes::rules);
        Map<String, ChangeAction> engineActions = new HashMap<>(subscriptions.actions());
        engineActions.put("modifySpec", new SpecChanges(catalog, clock, provisioner));
        operations.onFinish(SpecChanges.KIND, SpecChanges::finished);
        ChangeRequests changeRequests = new ChangeRequests(jdbi, changes, clock, provisioner, engineActions);
        this.scheduler = new Scheduler(clock, operations, settler, new Lifecycle(jdbi, provisioner, new Expiries(catalog, changes::rules)),
                leases);
        this.usage = new UsageIngest(jdbi, catalog, clock, provisioner, new Adjustments(catalog), changes::rules);
        PayTypeChanges payTypeChanges = new PayTypeChanges(catalog);
        this.payTypes = new SubscriptionToPayAsYouGo(jdbi, clock, payTypeChanges);
        this.resources = new InstanceResources(jdbi, catalog, clock, changes::rules);
        RequestAuthenticator signatures = RpcApi.authenticator(jdbi, accounts);
        RequestRates rates = options.limits().rates(); // one bucket per account across both APIs
        WebhookStore webhooks = new WebhookStore(jdbi, new SecretSealer(keys.masterKey()), options.allowLocalWebhooks());
        this.webhooks = new WebhookDispatcher(jdbi, webhooks, new SystemClock(), leases);
        var tokens = RpcApi.clientTokens(jdbi, clock);
        // The products Billow has code for, one line each; a catalog without one leaves it out.
        List<ProductModule> products = List.of(
                new RdsModule(jdbi, catalog, changes, clock, provisioner, payTypes, accounts, tokens),
                new RocketMq4Module(jdbi, catalog, changes, resources, tokens, clock, provisioner),
                new AnalyticDbModule(jdbi, catalog, changes, tokens),
                new PolarDbModule(jdbi, catalog, changes, changeRequests, payTypeChanges, clock, tokens),
                new RocketMq5Module(jdbi, catalog, clock, changes, resources, tokens));
        List<ProductModule> offered = products.stream().filter(m -> catalog.product(m.product()).isPresent()).toList();
        ProductRoutes productRoutes = new ProductRoutes();
        offered.forEach(m -> {
            changes.withRules(m.product(), m.rules());
            m.registerOperations(operations);
            m.registerRest(productRoutes);
        });
        RestApi rest = new RestApi(keys.adminKey(), accounts, new AccountRoutes(accounts, clock), new InstanceRoutes(jdbi, changes, changeRequests),
                new MoneyRoutes(jdbi, catalog), new ClockRoutes(clock, scheduler, provisioner),
                new UsageRoutes(jdbi, usage, changeRequests, productRoutes),
                new SignedNativeCalls(signatures, accounts), new WebhookRoutes(webhooks, clock),
                new ResourceRoutes(resources, catalog.products().values().stream().flatMap(p -> p.facts().resourceKinds().stream()).toList()),
                productRoutes, new TermRoutes(jdbi, accounts, new RefundRequests(catalog), clock))
                .limitedBy(rates);
        RoaGateway roa = RpcApi.roaGateway(signatures, clock, accounts, offered).withRates(rates);
        RpcGateway rpc = RpcApi.gateway(signatures, clock, accounts, offered, new BssActions(jdbi, accounts, changeRequests, tokens, catalog))
                .withRates(rates);
        this.http = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            cfg.http.maxRequestSize = RequestBodies.MAX_BODY_BYTES;
            options.limits().install(cfg);
            rest.routes(cfg);
            new io.billow.console.ConsoleRoutes(keys.adminKey(), accounts, jdbi, catalog, changeRequests, subscriptions.actions().keySet(),
                    new SystemClock())
                    .install(cfg.routes);
            // The ROA paths (/instances...) before the RPC gateway, which takes every other path.
            roa.addRoutes(cfg.routes);
            cfg.routes.get(Diagnoses.PATH, rpc.diagnoses());
            // After the REST routes: the gateway takes every other path, as the SDKs post to "/".
            rpc.addRoutes(cfg.routes);
        });
        // Two threads: scheduled work and webhook delivery never wait for each other.
        this.ticker = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "billow-background");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts Billow and returns once it answers HTTP. */
    public static BillowServer start(Options options) {
        BillowServer server = new BillowServer(options);
        try {
            server.http.start();
        } catch (RuntimeException e) {
            server.database.close();
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        // Work falls due as time passes: a wall clock needs a tick; a simulated one runs on each advance,
        // and the tick also finishes what a change made due right away (a zero-length operation).
        server.ticker.scheduleWithFixedDelay(server::tick, 1, 1, TimeUnit.SECONDS);
        server.ticker.scheduleWithFixedDelay(server::pushEvents, 500, 500, TimeUnit.MILLISECONDS);
        return server;
    }

    private void tick() {
        try {
            scheduler.runDue();
        } catch (RuntimeException e) {
            failed("scheduled work", e);
        }
    }

    private void pushEvents() {
        try {
            // A push whose answer was lost is pushed again: receivers dedupe by eventId.
            ConnectionFailure.retried("webhook delivery", Scheduler.RECONNECT_BUDGET, webhooks::deliverDue);
        } catch (RuntimeException e) {
            failed("webhook delivery", e);
        }
    }

    /** A database still away after the retries is said in one line; anything else is a fault, with its trace. */
    private static void failed(String what, RuntimeException e) {
        if (ConnectionFailure.isLost(e)) {
            LOG.warn("{} could not reach the database ({}); it will be retried", what, e.getMessage());
        } else {
            LOG.error("{} failed; it will be retried", what, e);
        }
    }

    public String url() {
        return "http://" + (options.host().equals("0.0.0.0") ? "localhost" : options.host()) + ":" + http.port();
    }

    public int port() {
        return http.port();
    }

    public ServerKeys keys() {
        return keys;
    }

    public BillowClock clock() {
        return clock;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    public Catalog catalog() {
        return catalog;
    }

    public SimulatedProvisioner provisioner() {
        return provisioner;
    }

    public Settler settler() {
        return settler;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public InstanceChanges changes() {
        return changes;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public InstanceResources resources() {
        return resources;
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    public UsageIngest usage() {
        return usage;
    }

    public SubscriptionToPayAsYouGo payTypes() {
        return payTypes;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        database.close();
    }
}
