package io.billow.product.rocketmq4;

import io.billow.api.rpc.RpcParameters;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the ONS API accepts as names and types, as its request models document them: instance
 * names and topics are 3–64 letters, digits, hyphens and underscores (a topic not starting with
 * the group prefixes CID or GID); group IDs are 2–64 of the same characters.
 */
final class OnsNames {

    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9_-]{3,64}");
    static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{3,64}");
    static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_-]{2,64}");
    /** 0 normal, 1 partitionally ordered, 2 globally ordered, 4 transactional, 5 scheduled or delayed. */
    static final Set<Integer> MESSAGE_TYPES = Set.of(0, 1, 2, 4, 5);
    static final Set<String> GROUP_TYPES = Set.of("tcp", "http");
    static final int MAX_REMARK = 128;

    private OnsNames() {
    }

    static String instanceName(String name) {
        if (!INSTANCE_NAME.matcher(name).matches()) {
            throw OnsErrors.fieldInvalid("InstanceName", "it must be 3 to 64 characters: letters, digits, hyphens (-) and underscores (_).");
        }
        return name;
    }

    static String topic(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw OnsErrors.fieldInvalid("Topic", "it must be 3 to 64 characters: letters, digits, hyphens (-) and underscores (_).");
        }
        if (topic.startsWith("CID") || topic.startsWith("GID")) {
            throw OnsErrors.fieldInvalid("Topic", "a topic name must not start with CID or GID, the prefixes reserved for group IDs.");
        }
        return topic;
    }

    static String groupId(String groupId) {
        if (!GROUP_ID.matcher(groupId).matches()) {
            throw OnsErrors.fieldInvalid("GroupId", "it must be 2 to 64 characters: letters, digits, hyphens (-) and underscores (_).");
        }
        return groupId;
    }

    static int messageType(String value) {
        try {
            int type = Integer.parseInt(value.trim());
            if (MESSAGE_TYPES.contains(type)) {
                return type;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as any other value outside the list
        }
        throw OnsErrors.fieldInvalid("MessageType", "\"" + OnsErrors.shown(value) + "\" is not a message type; use 0 (normal), "
                + "1 (partitionally ordered), 2 (globally ordered), 4 (transactional) or 5 (scheduled or delayed).");
    }

    /** The group type, {@code tcp} when none is given. */
    static String groupType(Optional<String> value) {
        String type = value.map(v -> v.toLowerCase(Locale.ROOT)).orElse("tcp");
        if (!GROUP_TYPES.contains(type)) {
            throw OnsErrors.fieldInvalid("GroupType", "\"" + OnsErrors.shown(value.orElse("")) + "\" is not a group type; use tcp or http.");
        }
        return type;
    }

    static Optional<String> remark(RpcParameters p) {
        Optional<String> remark = p.optional("Remark");
        if (remark.isPresent() && remark.get().length() > MAX_REMARK) {
            throw OnsErrors.fieldInvalid("Remark", "it is longer than " + MAX_REMARK + " characters.");
        }
        return remark;
    }
}
