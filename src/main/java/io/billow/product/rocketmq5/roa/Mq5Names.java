package io.billow.product.rocketmq5.roa;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the RocketMQ 5.x API accepts, as its usage limits state them: an instance name is 1–128
 * letters, digits, underscores or Chinese characters; a topic of a serverless instance 1–128
 * letters, digits, underscores and hyphens, a consumer group 1–60 of the same. Names the brokers
 * use themselves are refused: the reserved topics and prefixes, the reply-topic suffix, and the
 * consumer groups RocketMQ reserves.
 */
final class Mq5Names {

    static final int MAX_REMARK = 128;
    private static final Pattern INSTANCE_NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9_]{1,128}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,60}");
    private static final Set<String> RESERVED_TOPICS = Set.of("TBW102", "BenchmarkTest", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT",
            "SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC", "RMQ_SYS_TRACE_TOPIC", "RMQ_SYS_TRANS_OP_HALF_TOPIC");
    private static final List<String> RESERVED_TOPIC_PREFIXES = List.of("rmq_sys_", "%RETRY%", "%DLQ%", "rocketmq-broker-",
            "rocketmq-proxy-");
    private static final String RESERVED_TOPIC_SUFFIX = "_REPLY_TOPIC";
    private static final Set<String> RESERVED_GROUPS = Set.of("DEFAULT_CONSUMER", "DEFAULT_PRODUCER", "TOOLS_CONSUMER",
            "FILTERSRV_CONSUMER", "__MONITOR_CONSUMER", "CLIENT_INNER_PRODUCER", "SELF_TEST_P_GROUP", "SELF_TEST_C_GROUP",
            "CID_ONS-HTTP-PROXY", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER", "CID_ONSAPI_PULL");
    private static final List<String> RESERVED_GROUP_PREFIXES = List.of("CID_RMQ_SYS_", "CID_HOUSEKEEPING");

    private Mq5Names() {
    }

    static String instanceName(String name) {
        if (!INSTANCE_NAME.matcher(name).matches()) {
            throw Mq5Errors.invalid("instanceName", "It must be 1 to 128 characters: letters, digits, underscores (_) or Chinese characters.");
        }
        return name;
    }

    static String topic(String parameter, String name) {
        if (name.isEmpty()) {
            throw Mq5Errors.missing(parameter);
        }
        if (!TOPIC.matcher(name).matches()) {
            throw Mq5Errors.invalid(parameter, "A topic name is 1 to 128 characters: letters, digits, underscores (_) and hyphens (-).");
        }
        if (RESERVED_TOPICS.contains(name)) {
            throw Mq5Errors.invalid(parameter, name + " is a topic name reserved for the system.");
        }
        for (String prefix : RESERVED_TOPIC_PREFIXES) {
            if (name.startsWith(prefix)) {
                throw Mq5Errors.invalid(parameter, "A topic name must not start with " + prefix + ", a prefix reserved for the system.");
            }
        }
        if (name.endsWith(RESERVED_TOPIC_SUFFIX)) {
            throw Mq5Errors.invalid(parameter, "A topic name must not end with " + RESERVED_TOPIC_SUFFIX + ", the suffix of reply topics.");
        }
        return name;
    }

    static String group(String name) {
        if (name.isEmpty()) {
            throw Mq5Errors.missing("consumerGroupId");
        }
        if (!GROUP.matcher(name).matches()) {
            throw Mq5Errors.invalid("consumerGroupId",
                    "A consumer group ID is 1 to 60 characters: letters, digits, underscores (_) and hyphens (-).");
        }
        if (RESERVED_GROUPS.contains(name)) {
            throw Mq5Errors.invalid("consumerGroupId", name + " is a consumer group ID reserved for the system.");
        }
        for (String prefix : RESERVED_GROUP_PREFIXES) {
            if (name.startsWith(prefix)) {
                throw Mq5Errors.invalid("consumerGroupId", "A consumer group ID must not start with " + prefix
                        + ", a prefix reserved for the system.");
            }
        }
        return name;
    }

    static String remark(String remark) {
        if (remark.length() > MAX_REMARK) {
            throw Mq5Errors.invalid("remark", "It is at most " + MAX_REMARK + " characters.");
        }
        return remark;
    }
}
