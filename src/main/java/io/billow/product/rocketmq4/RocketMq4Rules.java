package io.billow.product.rocketmq4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.change.ChangeAction;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.provision.Provisioner;

import java.util.List;
import java.util.Map;

/**
 * RocketMQ 4.x's own rules (domain.md §5): Standard upgrades to Enterprise Platinum in place, and
 * never downgrades directly: with the post-expiration action {@code DowngradeToStandard}, an
 * ending subscription (expired or unsubscribed) becomes Standard pay-as-you-go at once with every
 * topic and group.
 */
final class RocketMq4Rules implements ProductRules {

    static final String STANDARD = "Standard";
    static final String ENTERPRISE_PLATINUM = "EnterprisePlatinum";
    static final String STANDARD_CLASS = "standard";
    static final String DOWNGRADE_TO_STANDARD = "DowngradeToStandard";

    private final EditionUpgrade upgrade;

    RocketMq4Rules(Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.upgrade = new EditionUpgrade(catalog, clock, provisioner);
    }

    @Override
    public Map<String, Conversion> postExpirationConversions() {
        return Map.of(DOWNGRADE_TO_STANDARD, new Conversion(STANDARD, STANDARD_CLASS, BillingMethod.PAY_AS_YOU_GO));
    }

    @Override
    public Map<String, ChangeAction> changeActions() {
        return Map.of("upgradeEdition", upgrade);
    }

    /** Topic and group names and types as the ONS API accepts them ({@link OnsNames}), whichever API creates them. */
    @Override
    public void checkResource(String kind, String name, ObjectNode attributes, List<Problem> problems) {
        if (kind.equals("topics")) {
            if (!OnsNames.TOPIC.matcher(name).matches()) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "a topic name is 3–64 letters, digits, '_' or '-', got '" + name + "'"));
            } else if (name.startsWith("CID") || name.startsWith("GID")) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "a topic name must not start with CID or GID (those are group ids): " + name));
            }
            JsonNode type = attributes.get("messageType");
            if (type != null && !(type.canConvertToInt() && OnsNames.MESSAGE_TYPES.contains(type.asInt()) && type.isIntegralNumber())) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "messageType is 0 (normal), 1 (partitionally ordered), 2 (globally "
                        + "ordered), 4 (transactional) or 5 (scheduled), got " + type));
            }
        } else if (kind.equals("groups")) {
            if (!OnsNames.GROUP_ID.matcher(name).matches()) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "a group id is 2–64 letters, digits, '_' or '-', got '" + name + "'"));
            }
            JsonNode type = attributes.get("groupType");
            if (type != null && !(type.isTextual() && OnsNames.GROUP_TYPES.contains(type.asText()))) {
                problems.add(Problem.of(Codes.INVALID_PARAMETER, "groupType is tcp or http, got " + type));
            }
        }
    }
}
