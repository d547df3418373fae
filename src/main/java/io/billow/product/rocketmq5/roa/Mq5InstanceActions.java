package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.roa.RoaCall;
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GetInstance, ListInstances, UpdateInstance and DeleteInstance. Deleting releases the instance
 * with its topics and groups at that second, as the real service deletes a serverless instance
 * whole; billing stops there.
 */
final class Mq5InstanceActions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Mq5Instances instances;
    private final InstanceChanges changes;
    private final InstanceResources resources;
    private final RoaEndpoints endpoints;

    Mq5InstanceActions(Jdbi jdbi, Mq5Instances instances, InstanceChanges changes, InstanceResources resources, RoaEndpoints endpoints) {
        this.jdbi = jdbi;
        this.instances = instances;
        this.changes = changes;
        this.resources = resources;
        this.endpoints = endpoints;
    }

    JsonNode get(RoaCall call) {
        return jdbi.withHandle(h -> {
            Instance i = instances.require(h, call);
            return Mq5InstanceView.detail(i, instances.product(), InstanceStore.current(h, i.id()), endpoints.of(i));
        });
    }

    /** Filtered by {@code filter} (a part of the id or name), {@code seriesCodes}, {@code resourceGroupId} and {@code tags}. */
    JsonNode list(RoaCall call) {
        Mq5Paging paging = Mq5Paging.of(call, 1, 100);
        Optional<String> filter = call.queryParameter("filter");
        Optional<Set<String>> series = call.queryParameter("seriesCodes").map(Mq5InstanceActions::seriesCodes);
        Optional<String> group = call.queryParameter("resourceGroupId");
        Optional<JsonNode> tags = call.queryParameter("tags").map(Mq5InstanceActions::tags);
        List<Instance> found = instances.inRegion(call).stream()
                .filter(i -> filter.isEmpty() || i.id().contains(filter.get())
                        || i.attributes().path(Mq5InstanceView.NAME).asText("").contains(filter.get()))
                .filter(i -> series.isEmpty() || series.get().contains(i.edition().toLowerCase(Locale.ROOT)))
                .filter(i -> group.isEmpty() || group.get().equals(i.attributes().path(Mq5InstanceView.RESOURCE_GROUP).asText("")))
                .filter(i -> tags.isEmpty() || hasTags(i, tags.get()))
                .toList();
        return paging.page(found, i -> Mq5InstanceView.summary(i, resources.count(i.id(), Mq5Errors.TOPICS),
                resources.count(i.id(), Mq5Errors.GROUPS)));
    }

    /** Renames, re-describes and re-tunes an instance; what is left out stays as it was. */
    JsonNode update(RoaCall call) {
        Mq5Body b = Mq5Body.of(call.body());
        Optional<String> name = b.text("instanceName").map(Mq5Names::instanceName);
        Optional<String> remark = b.text("remark").map(Mq5Names::remark);
        Optional<Mq5Body> productInfo = b.object("productInfo");
        Optional<Mq5Body> internet = b.object("networkInfo").flatMap(n -> n.object("internetInfo"));
        Optional<Mq5Body> acl = b.object("aclInfo");
        Instance i = instances.require(call);
        ObjectNode patch = JSON.createObjectNode();
        name.ifPresent(n -> patch.put(Mq5InstanceView.NAME, n));
        remark.ifPresent(r -> patch.put(Mq5InstanceView.REMARK, r));
        if (productInfo.isPresent()) {
            ObjectNode merged = Mq5InstanceView.object(i, Mq5InstanceView.PRODUCT_INFO);
            Mq5Body p = productInfo.get();
            p.decimal("sendReceiveRatio", new BigDecimal("0.25"), BigDecimal.ONE).ifPresent(r -> merged.put("sendReceiveRatio", r));
            p.whole("messageRetentionTime", 1, 720).ifPresent(h -> merged.put("messageRetentionTime", h.intValue()));
            p.bool("autoScaling").ifPresent(a -> merged.put("autoScaling", a));
            p.bool("traceOn").ifPresent(t -> merged.put("traceOn", t));
            patch.put(Mq5InstanceView.PRODUCT_INFO, merged.toString());
        }
        if (internet.isPresent() && internet.get().node().has("ipWhitelist")) {
            ObjectNode network = Mq5InstanceView.object(i, Mq5InstanceView.NETWORK_INFO);
            network.with("internetInfo").set("ipWhitelist", Mq5Network.whitelist(internet.get()));
            patch.put(Mq5InstanceView.NETWORK_INFO, network.toString());
        }
        if (acl.isPresent()) {
            ObjectNode merged = Mq5InstanceView.object(i, Mq5InstanceView.ACL_INFO);
            merged.setAll(Mq5Network.acl(acl.get()));
            patch.put(Mq5InstanceView.ACL_INFO, merged.toString());
        }
        if (!patch.isEmpty()) {
            patch.put(Mq5InstanceView.UPDATED, call.now().toString());
            Mq5Errors.guard(null, i.id(), null, () -> changes.setAttributes(i.id(), patch));
        }
        return BooleanNode.TRUE;
    }

    JsonNode delete(RoaCall call) {
        Instance i = instances.require(call);
        Mq5Errors.guard(null, i.id(), null, () -> changes.release(call.accountId(), i.id()));
        return BooleanNode.TRUE;
    }

    private static Set<String> seriesCodes(String text) {
        Set<String> codes = Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toSet());
        for (String code : codes) {
            if (!Mq5Create.EDITIONS.containsKey(code)) {
                throw Mq5Errors.invalid("seriesCodes", "Each is " + Mq5Create.SERIES + ", not " + Mq5Errors.shown(code) + ".");
            }
        }
        return codes;
    }

    /** {@code tags} as the SDK sends it: a JSON text {@code [{"key":"k","value":"v"}]}. */
    private static JsonNode tags(String text) {
        try {
            JsonNode tags = JSON.readTree(text);
            if (tags != null && tags.isArray() && tags.size() <= Mq5Network.MAX_TAGS) {
                boolean wellFormed = true;
                for (JsonNode t : tags) {
                    wellFormed &= t.isObject() && t.path("key").isTextual();
                }
                if (wellFormed) {
                    return tags;
                }
            }
        } catch (JsonProcessingException notJson) {
            // answered below
        }
        throw Mq5Errors.invalid("tags", "It is a JSON array of up to " + Mq5Network.MAX_TAGS + " {\"key\": ..., \"value\": ...} objects.");
    }

    private static boolean hasTags(Instance i, JsonNode wanted) {
        JsonNode has = Mq5InstanceView.array(i, Mq5InstanceView.TAGS);
        for (JsonNode w : wanted) {
            boolean found = false;
            for (JsonNode t : has) {
                found |= t.path("key").asText().equals(w.path("key").asText())
                        && (!w.hasNonNull("value") || t.path("value").asText().equals(w.path("value").asText()));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
