package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.Choice;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.catalog.Product;
import io.billow.eligibility.Bounds;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What CreateDBInstance is told about access and placement that Billow keeps and reports back
 * (DescribeDBInstanceAttribute): the IP whitelist, the network type, deletion protection and the
 * secondary zone of a High-availability instance. Checked before anything is created; kept in the
 * instance's attributes, never billed.
 */
final class RdsNetwork {

    static final String SECURITY_IPS = "securityIpList";
    static final String NET_TYPE = "netType";
    static final String DELETION_PROTECTION = "deletionProtection";
    static final String SLAVE_ZONES = "slaveZones";

    /** [ref] RDS takes at most 1,000 whitelist entries. */
    private static final int MAX_IPS = 1000;
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])"
            + "(/([0-9]|[12][0-9]|3[0-2]))?");
    private static final Choice<String> NET_TYPES = Choice.parsedBy(RdsNetwork::netType, "InvalidParameter", "Internet, Intranet");
    /** What an instance created without saying reports, as the real service's defaults are. */
    private static final String DEFAULT_IPS = "127.0.0.1";
    private static final String DEFAULT_NET_TYPE = "Intranet";

    private RdsNetwork() {
    }

    /** The attributes of a creation's network parameters, checked; the primary zone is where the instance goes. */
    static Map<String, String> read(RpcParameters p, Product product, String region, String edition, Optional<String> zone) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SECURITY_IPS, securityIps(p.optional("SecurityIPList").orElse(DEFAULT_IPS)));
        out.put(NET_TYPE, NET_TYPES.required("DBInstanceNetType", p.optional("DBInstanceNetType").orElse(DEFAULT_NET_TYPE)));
        out.put(DELETION_PROTECTION, String.valueOf(p.optionalBoolean("DeletionProtection").orElse(false)));
        Optional<String> slave = p.optional("ZoneIdSlave1");
        if (!edition.equals("HighAvailability")) {
            if (slave.isPresent()) {
                throw new RpcFailure(RpcError.invalidParameter("ZoneIdSlave1", "Only a High-availability instance has a secondary node."));
            }
            return out;
        }
        List<Problem> problems = new ArrayList<>();
        Optional<String> primary = Bounds.zone(product, region, zone.orElse(null), problems);
        Optional<String> secondary = slave.filter(z -> !z.equals("Auto")).isPresent()
                ? Bounds.zone(product, region, slave.get(), problems) : primary;
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        secondary.ifPresent(z -> out.put(SLAVE_ZONES, z));
        return out;
    }

    /** The fields DescribeDBInstanceAttribute reports, from what creation kept (the defaults for an instance made elsewhere). */
    static void describe(ObjectNode a, boolean highAvailability, String zone, ObjectNode out) {
        out.put("SecurityIPList", a.path(SECURITY_IPS).asText(DEFAULT_IPS)).put("SecurityIPMode", "normal")
                .put("DBInstanceNetType", netTypeOf(a))
                .put("DeletionProtection", Boolean.parseBoolean(a.path(DELETION_PROTECTION).asText("false")));
        if (highAvailability) {
            out.putObject("SlaveZones").putArray("SlaveZone").addObject().put("ZoneId", a.path(SLAVE_ZONES).asText(zone));
        }
    }

    static String netTypeOf(ObjectNode a) {
        return a.path(NET_TYPE).asText(DEFAULT_NET_TYPE);
    }

    static boolean deletionProtected(ObjectNode a) {
        return Boolean.parseBoolean(a.path(DELETION_PROTECTION).asText("false"));
    }

    private static String netType(String text) {
        return switch (text) {
            case "Internet", "Intranet" -> text;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String securityIps(String list) {
        String[] entries = list.split(",", -1);
        if (entries.length > MAX_IPS || !Arrays.stream(entries).allMatch(e -> IPV4.matcher(e).matches())) {
            throw new ProblemException("InvalidSecurityIPList.Malformed", "SecurityIPList must be at most " + MAX_IPS
                    + " comma-separated IPv4 addresses or CIDR blocks, such as 10.0.0.0/8,127.0.0.1");
        }
        return list;
    }
}
