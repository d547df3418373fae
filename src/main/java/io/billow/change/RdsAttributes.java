package io.billow.change;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The configuration facts of an RDS PostgreSQL instance that its rules look at, as stored in
 * the instance's attributes (set at creation, by the RDS actions that change them, or by an
 * operator through PATCH /attributes as a real deployment would report them).
 */
public final class RdsAttributes {

    public static final String ENGINE_VERSION = "engineVersion";
    public static final String MINOR_VERSION = "minorVersion";
    public static final String READ_ONLY_INSTANCES = "readOnlyInstances";
    public static final String ROLE = "role";
    public static final String PROXY = "proxyEnabled";
    public static final String SSL = "sslEnabled";
    public static final String DISK_ENCRYPTION = "diskEncryptionEnabled";
    public static final String PGBOUNCER = "pgBouncerEnabled";
    public static final String AUTO_PAUSE = "autoPause";
    public static final String SWITCH_FORCE = "switchForce";
    public static final String MAINTAIN_TIME = "maintainTime";

    private RdsAttributes() {
    }

    /** What a new RDS PostgreSQL instance reports unless the request says otherwise. */
    public static void defaults(ObjectNode a, String engineVersion) {
        String major = engineVersion == null ? "16.0" : engineVersion;
        int m = majorOf(major);
        a.put("engine", "PostgreSQL").put(ENGINE_VERSION, major)
                .put(MINOR_VERSION, "rds_postgres_" + m + "00_20240830").put(ROLE, "Primary").put(READ_ONLY_INSTANCES, 0)
                .put(PROXY, false).put(SSL, false).put(DISK_ENCRYPTION, false).put(PGBOUNCER, false)
                .put(MAINTAIN_TIME, "18:00Z-22:00Z");
    }

    public static int majorOf(String engineVersion) {
        try {
            return Integer.parseInt(engineVersion.split("\\.")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
