package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Measure;
import io.billow.catalog.Product;
import io.billow.instance.Instance;
import io.billow.timeline.InstanceSnapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instance as {@code GetInstance} and {@code ListInstances} show it (alibaba-apis.md §3.4),
 * with exactly the SDK models' nesting: a scalar where the model has an object would make the
 * SDK throw. What the caller described at creation is kept in the instance's attributes: the
 * texts as they are, the objects ({@code productInfo}, {@code networkInfo}, {@code aclInfo},
 * {@code tags}) as JSON texts.
 */
final class Mq5InstanceView {

    static final String NAME = "instanceName";
    static final String REMARK = "remark";
    static final String COMMODITY = "commodityCode";
    static final String RESOURCE_GROUP = "resourceGroupId";
    static final String PRODUCT_INFO = "productInfo";
    static final String NETWORK_INFO = "networkInfo";
    static final String ACL_INFO = "aclInfo";
    static final String TAGS = "tags";
    static final String UPDATED = "updateTime";
    static final String SERVICE_CODE = "rmq";
    static final String SUB_SERIES = "serverless";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Mq5InstanceView() {
    }

    /** The list item: the top-level scalars, {@code productInfo{capacityType, traceOn}} and the tags; no network. */
    static ObjectNode summary(Instance i, long topics, long groups) {
        ObjectNode out = scalars(i, topics, groups);
        ObjectNode productInfo = out.putObject(PRODUCT_INFO);
        productInfo.put("capacityType", "ondemand");
        productInfo.put("traceOn", object(i, PRODUCT_INFO).path("traceOn").asBoolean(false));
        out.set(TAGS, array(i, TAGS));
        return out;
    }

    /** The whole instance: with its product, network (and endpoints), ACL, quotas and software. */
    static ObjectNode detail(Instance i, Product product, InstanceSnapshot current, List<RoaEndpoints.Endpoint> endpoints) {
        ObjectNode out = scalars(i, current.count(Mq5Errors.TOPICS), current.count(Mq5Errors.GROUPS));
        ObjectNode productInfo = out.putObject(PRODUCT_INFO);
        productInfo.put("msgProcessSpec", i.instanceClass());
        productInfo.setAll(object(i, PRODUCT_INFO));
        productInfo.put("supportAutoScaling", true);
        productInfo.put("capacityType", "ondemand");
        ObjectNode network = out.putObject(NETWORK_INFO);
        network.setAll(object(i, NETWORK_INFO));
        ArrayNode listed = network.putArray("endpoints");
        for (RoaEndpoints.Endpoint e : endpoints) {
            listed.addObject().put("endpointId", e.endpointId()).put("endpointType", e.endpointType()).put("endpointUrl", e.endpointUrl())
                    .put("status", e.status()).putArray("ipWhitelist");
        }
        ObjectNode acl = out.putObject(ACL_INFO);
        acl.putArray("aclTypes").add("default");
        acl.put("defaultVpcAuthFree", false);
        acl.setAll(object(i, ACL_INFO));
        out.set("instanceQuotas", quotas(i, product, current));
        out.putObject("software").put("softwareVersion", "5.0").put("maintainTime", "02:00-06:00").put("upgradeMethod", "auto");
        out.putObject("accountInfo").put("username", "");
        out.set(TAGS, array(i, TAGS));
        return out;
    }

    /**
     * The free quotas of the instance's type, from the catalog: each metered resource item its
     * edition is billed for with a free quota for its class, with the live count against it. Topics
     * and consumer groups share one quota (seed 002), shown as {@code TOPIC_AND_GROUP_COUNT};
     * online clients as {@code CLIENT_COUNT}. Standard and Professional have none: they pay for
     * every topic.
     */
    static ArrayNode quotas(Instance i, Product product, InstanceSnapshot current) {
        ArrayNode out = JSON.createArrayNode();
        for (BillingItem item : product.items()) {
            long total = item.freeQuota(i.instanceClass());
            if (item.measure() != Measure.RESOURCE || item.resource() == null || total <= 0 || item.multiplier(i.edition()) == 0) {
                continue;
            }
            long used = item.conditions().count(item.resource(), current.counts());
            out.addObject().put("quotaName", quotaName(item.resource())).put("totalCount", (double) total)
                    .put("usedCount", (double) used).put("freeCount", (double) Math.max(0, total - used));
        }
        return out;
    }

    /** {@code topics_and_groups} → {@code TOPIC_AND_GROUP_COUNT}, {@code clients} → {@code CLIENT_COUNT}. */
    private static String quotaName(String resource) {
        StringBuilder name = new StringBuilder();
        for (String part : resource.split("_and_")) {
            String singular = part.endsWith("s") ? part.substring(0, part.length() - 1) : part;
            name.append(name.isEmpty() ? "" : "_AND_").append(singular.toUpperCase(Locale.ROOT));
        }
        return name.append("_COUNT").toString();
    }

    private static ObjectNode scalars(Instance i, long topics, long groups) {
        String created = time(i.createdAt());
        ObjectNode out = JSON.createObjectNode()
                .put("instanceId", i.id())
                .put(NAME, i.attributes().path(NAME).asText(i.id()))
                .put("regionId", i.region())
                .put("serviceCode", SERVICE_CODE)
                .put("seriesCode", i.edition().toLowerCase(Locale.ROOT))
                .put("subSeriesCode", SUB_SERIES)
                .put("paymentType", i.method() == BillingMethod.SUBSCRIPTION ? "Subscription" : "PayAsYouGo")
                .put(COMMODITY, i.attributes().path(COMMODITY).asText(""))
                .put("status", status(i))
                .put(REMARK, i.attributes().path(REMARK).asText(""))
                .put(RESOURCE_GROUP, i.attributes().path(RESOURCE_GROUP).asText(""))
                .put("userId", i.accountId())
                .put("bid", i.accountId())
                .put("createTime", created)
                .put("startTime", created)
                .put(UPDATED, time(instant(i.attributes().get(UPDATED), i.createdAt())))
                .put("topicCount", topics)
                .put("groupCount", groups);
        return out;
    }

    /** The 5.x status of a lifecycle state: a change in progress is CHANGING, an expired or overdue instance STOPPED. */
    static String status(Instance i) {
        return switch (i.status()) {
            case "Running" -> "RUNNING";
            case "Creating" -> "CREATING";
            case "Stopped", "Locked" -> "STOPPED";
            default -> "CHANGING";
        };
    }

    /** An instant kept as text, or {@code otherwise} when there is none (or it was not written by this API). */
    static Instant instant(JsonNode text, Instant otherwise) {
        if (text == null || !text.isTextual()) {
            return otherwise;
        }
        try {
            return Instant.parse(text.asText());
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            return otherwise;
        }
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** An object kept as a JSON text in the attributes; an empty one when there is none. */
    static ObjectNode object(Instance i, String key) {
        JsonNode parsed = parsed(i, key);
        return parsed.isObject() ? (ObjectNode) parsed.deepCopy() : JSON.createObjectNode();
    }

    static ArrayNode array(Instance i, String key) {
        JsonNode parsed = parsed(i, key);
        return parsed.isArray() ? (ArrayNode) parsed.deepCopy() : JSON.createArrayNode();
    }

    private static JsonNode parsed(Instance i, String key) {
        JsonNode text = i.attributes().get(key);
        if (text == null || !text.isTextual()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text.asText());
        } catch (JsonProcessingException notJson) {
            // Written by other means than this API (the native API's attributes): shown as absent, never a fault.
            return JSON.nullNode();
        }
    }
}
