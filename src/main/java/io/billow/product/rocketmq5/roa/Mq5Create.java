package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.billow.api.roa.RoaAction;
import io.billow.api.roa.RoaCall;
import io.billow.api.rpc.ClientTokens;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.change.InstanceChanges;
import io.billow.eligibility.CreateInstance;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CreateInstance} of a serverless instance: {@code seriesCode} standard, professional,
 * shared or dedicated names the catalog edition, {@code productInfo.msgProcessSpec} its instance
 * type (a class of that edition; the edition's first by default), billed pay-as-you-go. The
 * engine then checks prices and balance like any creation. A {@code clientToken} makes a retry
 * answer the first instance instead of buying a second one.
 */
final class Mq5Create implements RoaAction {

    /** seriesCode → catalog edition. */
    static final Map<String, String> EDITIONS = Map.of("standard", "Standard", "professional", "Professional", "shared", "Shared",
            "dedicated", "Dedicated");
    static final String SERIES = "standard, professional, shared or dedicated";
    static final String PAY_AS_YOU_GO = "PayAsYouGo";
    private static final Set<String> COMMODITIES = Set.of("ons_rmqsrvlesspost_public_intl", "ons_rmqsrvlesspost_public_cn");
    private static final int MAX_RETENTION_HOURS = 720;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mq5Instances instances;
    private final InstanceChanges changes;
    private final ClientTokens<Handle> tokens;

    Mq5Create(Mq5Instances instances, InstanceChanges changes, ClientTokens<Handle> tokens) {
        this.instances = instances;
        this.changes = changes;
        this.tokens = tokens;
    }

    @Override
    public JsonNode handle(RoaCall call) {
        Mq5Body b = Mq5Body.of(call.body());
        String region = instances.region(call);
        b.requiredChoice("serviceCode", Set.of(Mq5InstanceView.SERVICE_CODE), Mq5InstanceView.SERVICE_CODE);
        String series = b.requiredText("seriesCode");
        String edition = Optional.ofNullable(EDITIONS.get(series)).orElseThrow(() -> Mq5Errors.invalid("seriesCode",
                "The serverless series are " + SERIES + ", not " + Mq5Errors.shown(series) + "."));
        b.requiredChoice("subSeriesCode", Set.of(Mq5InstanceView.SUB_SERIES), "serverless (the only sub-series this server offers)");
        String payment = b.requiredText("paymentType");
        if (!payment.equals(PAY_AS_YOU_GO)) {
            throw Mq5Errors.invalid("paymentType", "Serverless instances are billed PayAsYouGo, not " + Mq5Errors.shown(payment) + ".");
        }
        for (String term : List.of("period", "periodUnit", "autoRenewPeriod")) {
            if (call.body().hasNonNull(term)) {
                throw Mq5Errors.invalid(term, "It applies to Subscription instances only; this one is PayAsYouGo.");
            }
        }
        if (b.bool("autoRenew").orElse(false)) {
            throw Mq5Errors.invalid("autoRenew", "It applies to Subscription instances only; this one is PayAsYouGo.");
        }
        String commodity = b.requiredText("commodityCode");
        if (!COMMODITIES.contains(commodity)) {
            throw Mq5Errors.invalid("commodityCode", "A serverless instance is bought as " + String.join(" or ", COMMODITIES.stream().sorted().toList())
                    + ", not " + Mq5Errors.shown(commodity) + ".");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        b.text("instanceName").map(Mq5Names::instanceName).ifPresent(n -> labels.put(Mq5InstanceView.NAME, n));
        b.text("remark").map(Mq5Names::remark).ifPresent(r -> labels.put(Mq5InstanceView.REMARK, r));
        b.text("resourceGroupId").map(g -> Mq5Network.bounded(b, "resourceGroupId", g, 64))
                .ifPresent(g -> labels.put(Mq5InstanceView.RESOURCE_GROUP, g));
        labels.put(Mq5InstanceView.COMMODITY, commodity);
        Mq5Body productInfo = b.object("productInfo").orElse(new Mq5Body(JSON.createObjectNode(), "productInfo."));
        String type = instanceType(instances.product(), edition, productInfo);
        labels.put(Mq5InstanceView.PRODUCT_INFO, productInfo(productInfo).toString());
        labels.put(Mq5InstanceView.NETWORK_INFO, Mq5Network.network(b).toString());
        b.object("aclInfo").ifPresent(acl -> labels.put(Mq5InstanceView.ACL_INFO, Mq5Network.acl(acl).toString()));
        labels.put(Mq5InstanceView.TAGS, Mq5Network.tags(b).toString());
        CreateInstance request = new CreateInstance(Mq5Instances.PRODUCT, region, null, edition, type, PAY_AS_YOU_GO, null, null, null,
                null, null, null, labels, null);
        return call.idempotent(tokens, h -> TextNode.valueOf(
                Mq5Errors.guard(null, null, null, () -> changes.create(call.accountId(), request)).instance().id()));
    }

    /** The instance type asked for, a class of the edition; the edition's first class (by code) when none is. */
    private static String instanceType(Product product, String edition, Mq5Body productInfo) {
        List<String> types = product.classes().values().stream()
                .filter(c -> c.edition().map(edition::equals).orElse(false)).map(InstanceClass::code).sorted().toList();
        if (types.isEmpty()) {
            throw new IllegalStateException("the catalog's " + Mq5Instances.PRODUCT + " has no instance type of edition " + edition);
        }
        Optional<String> asked = productInfo.text("msgProcessSpec");
        if (asked.isPresent() && !types.contains(asked.get())) {
            throw Mq5Errors.invalid(productInfo.path("msgProcessSpec"), "The instance types of the " + edition + " series are "
                    + String.join(", ", types) + ", not " + Mq5Errors.shown(asked.get()) + ".");
        }
        return asked.orElse(types.get(0));
    }

    /** What the instance keeps of {@code productInfo}, with the documented defaults. */
    private static ObjectNode productInfo(Mq5Body p) {
        return JSON.createObjectNode()
                .put("sendReceiveRatio", p.decimal("sendReceiveRatio", BigDecimal.ZERO, BigDecimal.ONE).orElse(new BigDecimal("0.5")))
                .put("messageRetentionTime", p.whole("messageRetentionTime", 1, MAX_RETENTION_HOURS).orElse(72L).intValue())
                .put("autoScaling", p.bool("autoScaling").orElse(false))
                .put("traceOn", p.bool("traceOn").orElse(false))
                .put("storageEncryption", p.bool("storageEncryption").orElse(false));
    }
}
