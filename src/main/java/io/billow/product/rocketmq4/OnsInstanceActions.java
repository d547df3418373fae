package io.billow.product.rocketmq4;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.eligibility.CreateInstance;
import io.billow.instance.Instance;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance actions of the ONS API: OnsInstanceCreate (Standard Edition only, at most eight
 * per region, names unique per region), OnsInstanceBaseInfo, OnsInstanceInServiceList,
 * OnsInstanceUpdate and OnsInstanceDelete (only an instance without topics and groups).
 */
final class OnsInstanceActions {

    static final String TOPICS = "topics";
    static final String GROUPS = "groups";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final InstanceChanges changes;
    private final InstanceResources resources;
    private final ClientTokens<Handle> tokens;
    private final OnsInstances instances;

    OnsInstanceActions(Jdbi jdbi, OnsInstances instances, Catalog catalog, InstanceChanges changes, InstanceResources resources,
                       ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.instances = instances;
        this.catalog = catalog;
        this.changes = changes;
        this.resources = resources;
        this.tokens = tokens;
    }

    RpcResult create(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String name = OnsNames.instanceName(p.required("InstanceName"));
        Optional<String> remark = OnsNames.remark(p);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(OnsInstanceView.NAME, name);
        remark.ifPresent(r -> labels.put(OnsInstanceView.REMARK, r));
        CreateInstance request = new CreateInstance(RocketMq4Module.PRODUCT, region, null, "Standard", "standard", "PayAsYouGo",
                null, null, null, null, null, null, labels, null);
        return call.idempotent(tokens, h -> {
            OnsInstances.lockRegion(h, call.accountId(), region);
            List<Instance> existing = instances.inRegion(h, call.accountId(), region);
            if (existing.size() >= OnsInstances.MAX_PER_REGION) {
                throw OnsErrors.tooManyInstances(region, OnsInstances.MAX_PER_REGION);
            }
            requireUniqueName(existing, name, null, region);
            InstanceChanges.Created created = OnsErrors.guard(null, null, null, () -> changes.create(call.accountId(), request));
            ObjectNode out = RpcResult.newObject();
            out.putObject("Data").put("InstanceId", created.instance().id()).put("InstanceType", OnsInstanceView.type(created.instance()));
            return out;
        });
    }

    RpcResult baseInfo(RpcCall call) {
        String region = OnsRegion.of(call, catalog);
        Instance i = instances.require(call.accountId(), region, call.parameters().required("InstanceId"));
        ObjectNode out = RpcResult.newObject();
        out.set("InstanceBaseInfo", OnsInstanceView.baseInfo(i, catalog));
        return RpcResult.of(out);
    }

    RpcResult inServiceList(RpcCall call) {
        String region = OnsRegion.of(call, catalog);
        boolean byTag = OnsTags.filtered(call.parameters());
        ObjectNode out = RpcResult.newObject();
        ArrayNode list = out.putObject("Data").putArray("InstanceVO");
        if (!byTag) {
            for (Instance i : instances.inRegion(call.accountId(), region)) {
                list.add(OnsInstanceView.summary(i, resources.count(i.id(), TOPICS), resources.count(i.id(), GROUPS)));
            }
        }
        return RpcResult.of(out);
    }

    RpcResult update(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        Optional<String> name = p.optional("InstanceName").map(OnsNames::instanceName);
        Optional<String> remark = OnsNames.remark(p);
        ObjectNode patch = RpcResult.newObject();
        name.ifPresent(n -> patch.put(OnsInstanceView.NAME, n));
        remark.ifPresent(r -> patch.put(OnsInstanceView.REMARK, r));
        jdbi.useTransaction(h -> {
            OnsInstances.lockRegion(h, call.accountId(), region);
            Instance i = instances.require(h, call.accountId(), region, id);
            if (name.isPresent()) {
                requireUniqueName(instances.inRegion(h, call.accountId(), region), name.get(), i.id(), region);
            }
            if (!patch.isEmpty()) {
                OnsErrors.guard(null, id, null, () -> changes.setAttributes(i.id(), patch));
            }
        });
        return RpcResult.empty();
    }

    RpcResult delete(RpcCall call) {
        String region = OnsRegion.of(call, catalog);
        String id = call.parameters().required("InstanceId");
        return call.idempotent(tokens, h -> {
            Instance i = instances.lock(h, call.accountId(), region, id);
            if (OnsInstanceView.isPlatinum(i)) {
                throw OnsErrors.subscriptionNotDeletable(id);
            }
            long topics = resources.count(id, TOPICS);
            long groups = resources.count(id, GROUPS);
            if (topics > 0 || groups > 0) {
                throw OnsErrors.instanceNotEmpty(id, topics, groups);
            }
            OnsErrors.guard(null, id, null, () -> changes.release(call.accountId(), id));
            return RpcResult.newObject();
        });
    }

    private static void requireUniqueName(List<Instance> existing, String name, String exceptId, String region) {
        boolean taken = existing.stream()
                .anyMatch(i -> !i.id().equals(exceptId) && name.equals(i.attributes().path(OnsInstanceView.NAME).asText(null)));
        if (taken) {
            throw OnsErrors.instanceNameExisted(name, region);
        }
    }
}
