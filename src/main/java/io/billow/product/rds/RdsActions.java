package io.billow.product.rds;

import io.billow.account.AccountStore;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcActions;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.change.SubscriptionToPayAsYouGo;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The RDS API, version 2014-08-15, for the RDS PostgreSQL product of the catalog. */
public final class RdsActions {

    public static final String VERSION = "2014-08-15";
    static final String PRODUCT = "rds-postgresql";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final InstanceChanges changes;
    private final RdsSwitches switches;
    private final SubscriptionToPayAsYouGo payTypes;
    private final AccountStore accounts;
    private final ClientTokens<Handle> tokens;

    public RdsActions(Jdbi jdbi, Catalog catalog, InstanceChanges changes, RdsSwitches switches, SubscriptionToPayAsYouGo payTypes,
                      AccountStore accounts, ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.switches = switches;
        this.payTypes = payTypes;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    public void register(RpcActions actions) {
        InstanceReads reads = new InstanceReads(jdbi, catalog);
        InstanceFeatures features = new InstanceFeatures(jdbi, changes);
        actions.register(VERSION, "CreateDBInstance", new CreateDBInstance(changes, tokens))
                .register(VERSION, "DescribeDBInstances", reads::describeInstances)
                .register(VERSION, "DescribeDBInstanceAttribute", reads::describeAttribute)
                .register(VERSION, "DescribeAvailableClasses", new DescribeAvailableClasses(catalog))
                .register(VERSION, "DeleteDBInstance", new DeleteDBInstance(changes, tokens))
                .register(VERSION, "ModifyDBInstanceSpec", new ModifyDBInstanceSpec(changes, switches, tokens))
                .register(VERSION, "TransformDBInstancePayType", new TransformDBInstancePayType(payTypes, tokens))
                .register(VERSION, "ModifyDBInstanceSSL", features::modifySsl)
                .register(VERSION, "ModifyDBInstanceTDE", features::modifyTde)
                .register(VERSION, "CreateReadOnlyDBInstance", new CreateReadOnlyDBInstance(catalog, changes, tokens))
                .register(VERSION, "CreateServiceLinkedRole", new RdsServiceLinkedRole(accounts));
    }
}
