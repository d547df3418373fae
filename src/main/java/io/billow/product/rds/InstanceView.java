package io.billow.product.rds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.instance.Instance;

import java.math.BigDecimal;
import java.util.Optional;

/** An instance in the fields of the RDS API, with what Billow knows of it and nothing invented. */
final class InstanceView {

    /** Read-only instances and their primary, kept in the attributes by CreateReadOnlyDBInstance. */
    static final String READ_ONLY_IDS = "readOnlyInstanceIds";
    static final String MASTER_ID = "masterInstanceId";

    private InstanceView() {
    }

    /** The fields DescribeDBInstances and DescribeDBInstanceAttribute share. */
    static ObjectNode summary(Instance i, Catalog catalog) {
        ObjectNode a = i.attributes();
        ObjectNode n = RpcResult.newObject();
        n.put("DBInstanceId", i.id())
                .put("DBInstanceStatus", i.status())
                .put("DBInstanceClass", i.instanceClass())
                .put("PayType", i.method().alibabaName())
                .put("Category", i.edition())
                .put("DBInstanceStorageType", i.storageType())
                .put("Engine", a.path("engine").asText("PostgreSQL"))
                .put("EngineVersion", a.path(RdsAttributes.ENGINE_VERSION).asText())
                .put("RegionId", i.region())
                .put("ZoneId", i.zoneId())
                .put("DBInstanceType", isReadOnly(i) ? "Readonly" : "Primary")
                .put("CreateTime", i.createdAt().toString())
                .put("LockMode", "Unlock")
                .put("ConnectionString", connectionString(i))
                .put("DBInstanceNetType", RdsNetwork.netTypeOf(a));
        if (a.hasNonNull("expiresAt")) {
            n.put("ExpireTime", a.get("expiresAt").asText());
        }
        if (a.hasNonNull(MASTER_ID)) {
            n.put("MasterInstanceId", a.get(MASTER_ID).asText());
        }
        ArrayNode readOnly = n.putObject("ReadOnlyDBInstanceIds").putArray("ReadOnlyDBInstanceId");
        for (JsonNode id : a.path(READ_ONLY_IDS)) {
            readOnly.addObject().put("DBInstanceId", id.asText());
        }
        cores(i, catalog).ifPresent(c -> n.put("DBInstanceCPU", String.valueOf(c.cores()))
                .put("DBInstanceMemory", c.memoryGb().multiply(BigDecimal.valueOf(1024)).longValue()));
        return n;
    }

    /** The detail of DescribeDBInstanceAttribute. */
    static ObjectNode attribute(Instance i, Catalog catalog) {
        ObjectNode a = i.attributes();
        ObjectNode n = summary(i, catalog);
        n.put("CreationTime", i.createdAt().toString())
                .put("DBInstanceStorage", i.storageGb())
                .put("CurrentKernelVersion", a.path(RdsAttributes.MINOR_VERSION).asText())
                .put("MaintainTime", a.path(RdsAttributes.MAINTAIN_TIME).asText())
                .put("PGBouncerEnabled", String.valueOf(a.path(RdsAttributes.PGBOUNCER).asBoolean(false)))
                .put("Port", "5432");
        RdsNetwork.describe(a, "HighAvailability".equals(i.edition()) && !isReadOnly(i), i.zoneId(), n);
        if (i.method() == BillingMethod.SERVERLESS) {
            n.putObject("ServerlessConfig")
                    .put("ScaleMin", new BigDecimal(a.path("minCapacity").asText("0")).doubleValue())
                    .put("ScaleMax", new BigDecimal(a.path("maxCapacity").asText("0")).doubleValue())
                    .put("AutoPause", a.path(RdsAttributes.AUTO_PAUSE).asBoolean(false))
                    .put("SwitchForce", a.path(RdsAttributes.SWITCH_FORCE).asBoolean(false));
        }
        return n;
    }

    /** The endpoint an instance is reached at, as CreateDBInstance answered it. */
    static String connectionString(Instance i) {
        return i.id() + ".pg.rds.aliyuncs.com";
    }

    static boolean isReadOnly(Instance i) {
        return "ReadOnly".equals(i.attributes().path(RdsAttributes.ROLE).asText("Primary"));
    }

    private static Optional<InstanceClass> cores(Instance i, Catalog catalog) {
        return catalog.product(i.product()).flatMap(p -> p.instanceClass(i.instanceClass())).filter(c -> c.cores() > 0);
    }
}
