package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * The described, unbilled parts of {@code CreateInstance} and {@code UpdateInstance}: the network
 * ({@code vpcInfo} with its vSwitches, {@code internetInfo}), the ACL and the tags, checked as the
 * request models document them and kept in the shape {@code GetInstance} answers.
 */
final class Mq5Network {

    static final int MAX_IDS = 10;
    static final int MAX_WHITELIST = 100;
    static final int MAX_TAGS = 20;
    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_TAG_LENGTH = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Mq5Network() {
    }

    /** {@code networkInfo}, required: a VPC with at least one vSwitch, and whether the instance is reached from the Internet. */
    static ObjectNode network(Mq5Body body) {
        Mq5Body network = body.requiredObject("networkInfo");
        Mq5Body vpc = network.requiredObject("vpcInfo");
        ObjectNode vpcOut = JSON.createObjectNode().put("vpcId", id(vpc, "vpcId", true));
        ArrayNode switches = vpcOut.putArray("vSwitches");
        for (JsonNode item : vpc.array("vSwitches", MAX_IDS).orElse(JSON.createArrayNode())) {
            if (!item.isObject()) {
                throw Mq5Errors.invalid(vpc.path("vSwitches"), "Each item is an object {\"vSwitchId\": ...}.");
            }
            switches.addObject().put("vSwitchId", id(new Mq5Body((ObjectNode) item, vpc.path("vSwitches") + "."), "vSwitchId", true));
        }
        // vSwitchId alone is the deprecated form; the newer SDKs send vSwitches.
        Optional<String> single = Optional.ofNullable(id(vpc, "vSwitchId", false));
        if (switches.isEmpty() && single.isEmpty()) {
            throw Mq5Errors.missing(vpc.path("vSwitches"));
        }
        single.filter(s -> switches.isEmpty()).ifPresent(s -> switches.addObject().put("vSwitchId", s));
        vpcOut.put("vSwitchId", switches.get(0).get("vSwitchId").asText());
        vpc.text("securityGroupIds").ifPresent(g -> vpcOut.put("securityGroupIds", bounded(vpc, "securityGroupIds", g, MAX_ID_LENGTH * MAX_IDS)));
        ObjectNode out = JSON.createObjectNode();
        out.set("vpcInfo", vpcOut);
        out.set("internetInfo", internet(network.requiredObject("internetInfo")));
        return out;
    }

    private static ObjectNode internet(Mq5Body internet) {
        String spec = internet.requiredChoice("internetSpec", Set.of("enable", "disable"), "enable or disable");
        String flow = internet.requiredChoice("flowOutType", Set.of("payByBandwidth", "payByTraffic", "uninvolved"),
                "payByBandwidth, payByTraffic or uninvolved");
        if (spec.equals("disable") != flow.equals("uninvolved")) {
            throw Mq5Errors.invalid(internet.path("flowOutType"), "It is uninvolved exactly when internetSpec is disable.");
        }
        Optional<Long> bandwidth = internet.whole("flowOutBandwidth", 1, 1000);
        if (flow.equals("payByBandwidth") && bandwidth.isEmpty()) {
            throw Mq5Errors.missing(internet.path("flowOutBandwidth"));
        }
        ObjectNode out = JSON.createObjectNode().put("internetSpec", spec).put("flowOutType", flow);
        bandwidth.ifPresent(b -> out.put("flowOutBandwidth", b.intValue()));
        out.set("ipWhitelist", whitelist(internet));
        return out;
    }

    /** {@code ipWhitelist}: up to 100 addresses or CIDR blocks, as texts. */
    static ArrayNode whitelist(Mq5Body internet) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode entry : internet.array("ipWhitelist", MAX_WHITELIST).orElse(JSON.createArrayNode())) {
            if (!entry.isTextual() || !entry.textValue().matches("[0-9a-fA-F:.]{1,39}(/\\d{1,3})?")) {
                throw Mq5Errors.invalid(internet.path("ipWhitelist"), "Each entry is an IP address or a CIDR block such as 192.168.0.0/16.");
            }
            out.add(entry.textValue());
        }
        return out;
    }

    /** {@code aclInfo}: which access control the instance uses, and whether the VPC needs none. */
    static ObjectNode acl(Mq5Body acl) {
        ObjectNode out = JSON.createObjectNode();
        acl.array("aclTypes", 2).ifPresent(types -> {
            ArrayNode listed = out.putArray("aclTypes");
            for (JsonNode type : types) {
                if (!type.isTextual() || !Set.of("default", "apache_acl").contains(type.textValue())) {
                    throw Mq5Errors.invalid(acl.path("aclTypes"), "Each entry is default or apache_acl.");
                }
                listed.add(type.textValue());
            }
        });
        acl.bool("defaultVpcAuthFree").ifPresent(free -> out.put("defaultVpcAuthFree", free));
        return out;
    }

    /** {@code tags}: up to 20 {@code {key, value}} pairs, keys unique and not empty. */
    static ArrayNode tags(Mq5Body body) {
        ArrayNode out = JSON.createArrayNode();
        Set<String> keys = new java.util.HashSet<>();
        for (JsonNode tag : body.array("tags", MAX_TAGS).orElse(JSON.createArrayNode())) {
            if (!tag.isObject()) {
                throw Mq5Errors.invalid("tags", "Each tag is an object {\"key\": ..., \"value\": ...}.");
            }
            Mq5Body t = new Mq5Body((ObjectNode) tag, "tags.");
            String key = bounded(t, "key", t.requiredText("key"), MAX_TAG_LENGTH);
            if (!keys.add(key)) {
                throw Mq5Errors.invalid("tags", "The tag key " + Mq5Errors.shown(key) + " is given twice.");
            }
            out.addObject().put("key", key).put("value", bounded(t, "value", t.text("value").orElse(""), MAX_TAG_LENGTH));
        }
        return out;
    }

    private static String id(Mq5Body body, String name, boolean required) {
        Optional<String> value = body.text(name);
        if (value.isEmpty()) {
            if (required) {
                throw Mq5Errors.missing(body.path(name));
            }
            return null;
        }
        if (!value.get().matches("[A-Za-z0-9_.-]{1," + MAX_ID_LENGTH + "}")) {
            throw Mq5Errors.invalid(body.path(name), "It is an id of 1 to " + MAX_ID_LENGTH + " letters, digits, '-', '_' or '.'.");
        }
        return value.get();
    }

    static String bounded(Mq5Body body, String name, String value, int max) {
        if (value.length() > max) {
            throw Mq5Errors.invalid(body.path(name), "It is at most " + max + " characters.");
        }
        return value;
    }
}
