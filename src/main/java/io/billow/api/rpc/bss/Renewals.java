package io.billow.api.rpc.bss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.change.ChangeAction;
import io.billow.change.ChangeRequest;
import io.billow.change.ChangeRequests;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.subscription.Terms;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BSS renewal actions over the subscription engine: RenewInstance (a RENEW order paid at once),
 * SetRenewal (auto-renewal on or off for up to 100 instances, all or none), and
 * QueryAvailableInstances (the account's instances with their terms and renewal settings).
 */
final class Renewals {

    private static final int MAX_IDS = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Jdbi jdbi;
    private final ChangeRequests changes;
    private final ClientTokens<Handle> tokens;

    Renewals(Jdbi jdbi, ChangeRequests changes, ClientTokens<Handle> tokens) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.tokens = tokens;
    }

    RpcResult renew(RpcCall call) {
        RpcParameters p = call.parameters();
        Instance i = instance(call, p.required("ProductCode"), p.required("InstanceId"));
        int months = p.optionalInt("RenewPeriod").orElseThrow(() -> new RpcFailure(RpcError.missingParameter("RenewPeriod")));
        // A retry with the same ClientToken answers the first renewal's order instead of renewing again.
        return call.idempotent(tokens, h -> {
            ChangeAction.Done done = changes.applyIn(h, call.accountId(), i.id(), new ChangeRequest("renew", null, null, months, null, null, null));
            ObjectNode out = BssAnswer.success();
            out.putObject("Data").put("OrderId", done.order().orElseThrow().id());
            return out;
        });
    }

    RpcResult setRenewal(RpcCall call) {
        RpcParameters p = call.parameters();
        String product = p.required("ProductCode");
        String status = p.required("RenewalStatus");
        if (!List.of("AutoRenewal", "ManualRenewal", "NotRenewal").contains(status)) {
            throw new RpcFailure(RpcError.invalidParameter("RenewalStatus", "It must be AutoRenewal, ManualRenewal or NotRenewal."));
        }
        Integer months = null;
        if (status.equals("AutoRenewal")) {
            // Bounded before it is multiplied: a year count must not wrap into a term the product sells.
            int period = p.requiredInt("RenewalPeriod", 1, 999);
            String unit = p.optional("RenewalPeriodUnit").orElse("M");
            if (!unit.equals("M") && !unit.equals("Y")) {
                throw new RpcFailure(RpcError.invalidParameter("RenewalPeriodUnit", "It must be M or Y."));
            }
            months = unit.equals("Y") ? period * 12 : period;
        }
        List<Instance> instances = new ArrayList<>();
        String[] ids = p.required("InstanceIDs").split(",");
        if (ids.length > MAX_IDS) {
            throw new RpcFailure(RpcError.invalidParameter("InstanceIDs", "At most " + MAX_IDS + " instances at a time."));
        }
        for (String id : ids) {
            instances.add(instance(call, product, id.trim()));
        }
        ChangeRequest request = new ChangeRequest("setAutoRenew", null, null, months, null, status.equals("AutoRenewal"), null);
        // All or none: every instance is checked (the change run and rolled back) before any is changed.
        List<Problem> refused = new ArrayList<>();
        for (Instance i : instances) {
            refused.addAll(changes.estimate(call.accountId(), i.id(), request).violations());
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(refused);
        }
        for (Instance i : instances) {
            changes.apply(call.accountId(), i.id(), request);
        }
        return RpcResult.of(BssAnswer.success());
    }

    RpcResult queryAvailable(RpcCall call) {
        RpcParameters p = call.parameters();
        BssAnswer.Page page = BssAnswer.page(p);
        Optional<String> product = p.optional("ProductCode");
        Optional<String> type = p.optional("SubscriptionType");
        List<String> wanted = p.optional("InstanceIDs").map(s -> List.of(s.split(","))).orElse(List.of());
        List<Instance> all = jdbi.withHandle(h -> InstanceStore.list(h, call.accountId(), 10_000, ""));
        List<Instance> matching = new ArrayList<>();
        for (Instance i : all) {
            boolean ok = !i.isReleased() && product.map(c -> c.equals(BssAnswer.productCode(i.product()))).orElse(true)
                    && type.map(t -> t.equals(subscriptionType(i))).orElse(true) && (wanted.isEmpty() || wanted.contains(i.id()));
            if (ok) {
                matching.add(i);
            }
        }
        ObjectNode out = BssAnswer.success();
        ObjectNode data = out.putObject("Data").put("PageNum", page.number()).put("PageSize", page.size()).put("TotalCount", matching.size());
        ArrayNode list = data.putArray("InstanceList");
        matching.stream().skip(page.skip()).limit(page.size()).forEach(i -> list.add(view(i)));
        return RpcResult.of(out);
    }

    private ObjectNode view(Instance i) {
        Optional<Instant> release = jdbi.withHandle(h -> h.createQuery("SELECT release_at FROM instances WHERE id = :id").bind("id", i.id())
                .mapTo(Timestamp.class).findOne().map(Timestamp::toInstant));
        Optional<Instant> end = Terms.expiresAt(i);
        Optional<Integer> auto = Terms.autoRenewMonths(i);
        ObjectNode n = RpcResult.newObject().put("InstanceID", i.id()).put("ProductCode", BssAnswer.productCode(i.product()))
                .put("ProductType", "").put("SubscriptionType", subscriptionType(i)).put("Region", i.region())
                .put("Status", i.status().equals("Locked") ? "Expired" : "Normal").put("SubStatus", "Normal")
                .put("CreateTime", TIME.format(i.createdAt())).put("RenewStatus", i.method() != BillingMethod.SUBSCRIPTION ? "NotRenewal"
                        : auto.isPresent() ? "AutoRenewal" : "ManualRenewal")
                .put("Seller", "Billow").put("SellerId", 0).put("OwnerId", 0);
        end.ifPresent(e -> n.put("EndTime", TIME.format(e)));
        release.ifPresent(r -> n.put("ReleaseTime", TIME.format(r)).put("ExpectedReleaseTime", TIME.format(r)));
        auto.ifPresent(m -> n.put("RenewalDuration", m).put("RenewalDurationUnit", "M"));
        return n;
    }

    private static String subscriptionType(Instance i) {
        return i.method() == BillingMethod.SUBSCRIPTION ? "Subscription" : "PayAsYouGo";
    }

    /** The caller's instance of that BSS product; another product's or another tenant's is not found. */
    private Instance instance(RpcCall call, String productCode, String id) {
        Instance i = jdbi.withHandle(h -> InstanceStore.find(h, call.accountId(), id)).filter(x -> !x.isReleased())
                .filter(x -> BssAnswer.productCode(x.product()).equals(productCode))
                .orElseThrow(() -> new RpcFailure(RpcError.of("ResourceNotExists", 404, "The instance " + id + " of product "
                        + productCode + " does not exist.")));
        return i;
    }
}
