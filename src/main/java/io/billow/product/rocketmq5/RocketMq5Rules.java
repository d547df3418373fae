package io.billow.product.rocketmq5;

import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.change.ChangeAction;
import io.billow.change.ProductRules;
import io.billow.change.UsageSample;
import io.billow.clock.BillowClock;
import io.billow.eligibility.CreateInstance;
import io.billow.instance.Instance;
import io.billow.problem.Problem;
import io.billow.timeline.InstanceSnapshot;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * RocketMQ 5.x serverless's own rules (domain.md §6): every instance starts with one VPC endpoint,
 * under the service-consumer model (it bills its owner) for Standard/Professional and the
 * service-provider model (free) for Shared/Dedicated; Shared/Dedicated may reserve capacity
 * ({@link CapacityMode}); Standard/Professional upgrade to Shared ({@link SharedUpgrade}); usage
 * reports feed the warnings of {@link UsageWarnings}.
 */
final class RocketMq5Rules implements ProductRules {

    static final String STANDARD = "Standard";
    static final String PROFESSIONAL = "Professional";
    static final String SHARED = "Shared";
    static final String DEDICATED = "Dedicated";

    private final Catalog catalog;
    private final SharedUpgrade upgrade;

    RocketMq5Rules(Catalog catalog, BillowClock clock) {
        this.catalog = catalog;
        this.upgrade = new SharedUpgrade(catalog, clock);
    }

    /** Shared and Dedicated serve PrivateLink as the provider: their own endpoints cost their owner nothing. */
    static boolean isProviderModel(String edition) {
        return SHARED.equals(edition) || DEDICATED.equals(edition);
    }

    @Override
    public Set<String> creationOptions() {
        return CapacityMode.OPTIONS;
    }

    @Override
    public void checkCreate(CreateInstance request, List<Problem> problems) {
        CapacityMode.reserved(request, instanceClass(request), problems);
    }

    @Override
    public InstanceSnapshot initialSnapshot(InstanceSnapshot snapshot, CreateInstance request, String instanceId) {
        OptionalLong reserved = CapacityMode.reserved(request, instanceClass(request), new java.util.ArrayList<>());
        InstanceSnapshot s = reserved.isPresent() ? snapshot.withCount(CapacityMode.COUNTER, reserved.getAsLong()) : snapshot;
        Endpoint first = Endpoints.newEndpoint(instanceId, snapshot.region(), !isProviderModel(snapshot.edition()), true, Instant.EPOCH);
        return s.withEndpoints(List.of(new io.billow.timeline.Endpoint(first.endpointId(), first.billsOwner(), false)));
    }

    @Override
    public void created(Handle h, Instance instance, InstanceSnapshot initial) {
        for (io.billow.timeline.Endpoint e : initial.endpoints()) {
            Endpoints.insert(h, instance.id(), Endpoints.endpoint(e.id(), instance.id(), instance.region(), e.billsOwner(), true,
                    instance.createdAt()));
        }
    }

    @Override
    public Map<String, ChangeAction> changeActions() {
        return Map.of(SharedUpgrade.ACTION, upgrade);
    }

    @Override
    public void afterUsage(Handle h, Instance instance, UsageSample sample, Instant at) {
        UsageWarnings.check(h, instance, sample, at);
    }

    private InstanceClass instanceClass(CreateInstance request) {
        return catalog.product(request.product()).flatMap(p -> p.instanceClass(request.instanceClass() == null ? "" : request.instanceClass()))
                .orElse(null);
    }
}
