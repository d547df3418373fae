package io.billow.product.rds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.change.InstanceChanges;
import io.billow.change.UsageIngest;
import io.billow.problem.Codes;
import io.billow.problem.Problem;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

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
    public static final String AUTO_PAUSE = UsageIngest.AUTO_PAUSE;
    public static final String SWITCH_FORCE = "switchForce";
    public static final String MAINTAIN_TIME = "maintainTime";

    public static final String STORAGE_TYPE = InstanceChanges.STORAGE_TYPE;

    /**
     * What a deployment may report through PATCH /attributes, each with its rule. Other
     * attributes (the capacity range, the term end...) are Billow's own bookkeeping and change
     * only through the flows that own them.
     */
    private static final Map<String, Fact> REPORTABLE = Map.ofEntries(
            Map.entry("engine", new Fact("a short text", n -> text(n, "[A-Za-z]{1,40}"))),
            Map.entry(ENGINE_VERSION, new Fact("a version such as \"16.0\"", n -> text(n, "[0-9]{1,3}(\\.[0-9]{1,3})?"))),
            Map.entry(MINOR_VERSION, new Fact("a kernel version such as rds_postgres_1600_20240830", n -> text(n, "[A-Za-z0-9_.]{1,80}"))),
            Map.entry(READ_ONLY_INSTANCES, new Fact("a whole number 0–1000", n -> n.isIntegralNumber() && n.canConvertToInt()
                    && n.intValue() >= 0 && n.intValue() <= 1000)),
            Map.entry(ROLE, new Fact("Primary or ReadOnly", n -> text(n, "Primary|ReadOnly"))),
            Map.entry(PROXY, new Fact("true or false", JsonNode::isBoolean)),
            Map.entry(SSL, new Fact("true or false", JsonNode::isBoolean)),
            Map.entry(DISK_ENCRYPTION, new Fact("true or false", JsonNode::isBoolean)),
            Map.entry(PGBOUNCER, new Fact("true or false", JsonNode::isBoolean)),
            Map.entry(MAINTAIN_TIME, new Fact("a window such as 18:00Z-22:00Z", n -> text(n, "([01][0-9]|2[0-3]):[0-5][0-9]Z-([01][0-9]|2[0-3]):[0-5][0-9]Z"))),
            Map.entry(STORAGE_TYPE, new Fact("a storage type code such as cloud_essd", n -> text(n, "[a-z_]{1,40}"))));

    private record Fact(String expected, Predicate<JsonNode> valid) {
    }

    private RdsAttributes() {
    }

    /** Every reason the reported facts cannot be taken: unknown names and values of the wrong kind. */
    public static List<Problem> checkReported(ObjectNode facts) {
        List<Problem> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = facts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Fact rule = REPORTABLE.get(f.getKey());
            if (rule == null) {
                problems.add(Problem.of(Codes.UNKNOWN_FIELD, "'" + f.getKey() + "' is not a fact a deployment reports; known: "
                        + new TreeSet<>(REPORTABLE.keySet())));
            } else if (!rule.valid().test(f.getValue())) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, f.getKey() + " must be " + rule.expected()));
            }
        }
        return problems;
    }

    private static boolean text(JsonNode n, String pattern) {
        return n.isTextual() && n.asText().matches(pattern);
    }

    /** What a new RDS PostgreSQL instance reports: the engine version and minor version it was created with, every feature off. */
    public static void defaults(ObjectNode a, String engineVersion, String minorVersion) {
        a.put("engine", "PostgreSQL").put(ENGINE_VERSION, engineVersion)
                .put(MINOR_VERSION, minorVersion).put(ROLE, "Primary").put(READ_ONLY_INSTANCES, 0)
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
