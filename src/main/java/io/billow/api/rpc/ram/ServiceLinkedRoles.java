package io.billow.api.rpc.ram;

import java.util.Map;
import java.util.Optional;

/**
 * Which service-linked role a service name creates. Only the RDS PostgreSQL roles that a
 * serverless switch needs are known:
 * <ul>
 *   <li>{@code pgsql-onecs.rds.aliyuncs.com} → AliyunServiceRoleForRdsPgsqlOnEcs [ref: the role's
 *       policy names this service];</li>
 *   <li>{@code rdsproxy-onecs.rds.aliyuncs.com} → AliyunServiceRoleForRDSProxyOnEcs [billow: by
 *       analogy; the references name the role, not its service];</li>
 *   <li>the role's own name as the service name, as Terraform's {@code alicloud_rds_service_linked_role}
 *       passes it [ref].</li>
 * </ul>
 */
public final class ServiceLinkedRoles {

    /** Role name → service name. */
    public static final Map<String, String> RDS_ROLES = Map.of(
            "AliyunServiceRoleForRdsPgsqlOnEcs", "pgsql-onecs.rds.aliyuncs.com",
            "AliyunServiceRoleForRDSProxyOnEcs", "rdsproxy-onecs.rds.aliyuncs.com");

    private ServiceLinkedRoles() {
    }

    /** The role a CreateServiceLinkedRole for this service name creates. */
    public static Optional<String> roleOf(String serviceName) {
        if (RDS_ROLES.containsKey(serviceName)) {
            return Optional.of(serviceName);
        }
        return RDS_ROLES.entrySet().stream().filter(e -> e.getValue().equals(serviceName)).map(Map.Entry::getKey).findFirst();
    }

    public static Optional<String> serviceOf(String roleName) {
        return Optional.ofNullable(RDS_ROLES.get(roleName));
    }
}
