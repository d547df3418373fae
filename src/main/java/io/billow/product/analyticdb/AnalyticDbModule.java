package io.billow.product.analyticdb;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.product.ProductModule;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** AnalyticDB for PostgreSQL: elastic storage and serverless warehouses, and the GPDB API that manages them. */
public final class AnalyticDbModule implements ProductModule {

    public static final String PRODUCT = "analyticdb-postgresql";
    /** The GPDB API version the official SDK (gpdb20160503) calls. */
    public static final String GPDB_VERSION = "2016-05-03";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final InstanceChanges changes;
    private final ClientTokens<Handle> tokens;

    public AnalyticDbModule(Jdbi jdbi, Catalog catalog, InstanceChanges changes, ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.tokens = tokens;
    }

    @Override
    public String product() {
        return PRODUCT;
    }

    @Override
    public void registerRpc(RpcActions actions) {
        GpdbInstances instances = new GpdbInstances(jdbi, catalog);
        GpdbReads reads = new GpdbReads(instances);
        GpdbLifecycle lifecycle = new GpdbLifecycle(changes, instances, tokens);
        actions.register(GPDB_VERSION, "CreateDBInstance", new GpdbCreate(changes, instances, tokens))
                .register(GPDB_VERSION, "DescribeDBInstances", reads::describeInstances)
                .register(GPDB_VERSION, "DescribeDBInstanceAttribute", reads::describeAttribute)
                .register(GPDB_VERSION, "DeleteDBInstance", lifecycle::delete)
                .register(GPDB_VERSION, "PauseInstance", lifecycle::pause)
                .register(GPDB_VERSION, "ResumeInstance", lifecycle::resume)
                .register(GPDB_VERSION, "UpgradeDBInstance", lifecycle::upgrade);
    }
}
