package io.billow.product.rocketmq4;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.instance.Instance;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instance in the shapes of the ONS API: {@code InstanceBaseInfo} and an
 * {@code InstanceVO} of OnsInstanceInServiceList. Field names and types are those of the SDK
 * models: {@code CreateTime} is a String of epoch milliseconds in the base info and a Long in
 * the list; {@code spInstanceId} and {@code spInstanceType} are spelled in lower camel case.
 */
final class OnsInstanceView {

    static final String NAME = "instanceName";
    static final String REMARK = "remark";
    static final String EXPIRES_AT = "expiresAt";
    static final String PLATINUM = "EnterprisePlatinum";

    /** The regions whose instances have a public TCP endpoint, as the ONS documentation lists them. */
    private static final Set<String> PUBLIC_TCP_REGIONS = Set.of("cn-chengdu", "cn-qingdao", "cn-shenzhen");
    private static final Pattern ID = Pattern.compile("MQ_INST_(\\d+)_([A-Za-z0-9]+)");

    private OnsInstanceView() {
    }

    static ObjectNode baseInfo(Instance i, Catalog catalog) {
        ObjectNode info = RpcResult.newObject()
                .put("InstanceId", i.id())
                .put("InstanceName", name(i))
                .put("Remark", i.attributes().path(REMARK).asText(""))
                .put("InstanceStatus", status(i))
                .put("InstanceType", type(i));
        releaseTime(i).ifPresent(ms -> info.put("ReleaseTime", ms));
        if (isPlatinum(i)) {
            Optional<InstanceClass> cls = catalog.product(i.product()).flatMap(p -> p.instanceClass(i.instanceClass()));
            cls.flatMap(c -> c.limit("maxTps")).ifPresent(tps -> info.put("MaxTps", tps));
            cls.flatMap(c -> c.limit("topics")).ifPresent(topics -> info.put("TopicCapacity", topics.intValue()));
        }
        info.put("IndependentNaming", true)
                .put("CreateTime", Long.toString(i.createdAt().toEpochMilli()))
                .put("spInstanceId", commodityId(i))
                .put("spInstanceType", type(i));
        info.set("Endpoints", endpoints(i));
        return info;
    }

    static ObjectNode summary(Instance i, long topics, long groups) {
        ObjectNode vo = RpcResult.newObject()
                .put("InstanceId", i.id())
                .put("InstanceName", name(i))
                .put("InstanceStatus", status(i))
                .put("InstanceType", type(i));
        releaseTime(i).ifPresent(ms -> vo.put("ReleaseTime", ms));
        vo.put("CreateTime", i.createdAt().toEpochMilli())
                .put("IndependentNaming", true)
                .put("TopicCount", topics)
                .put("GroupCount", groups);
        vo.putObject("Tags").putArray("Tag");
        return vo;
    }

    /** The name given at creation or since; an instance bought natively without one shows its id. */
    static String name(Instance i) {
        String name = i.attributes().path(NAME).asText("");
        return name.isEmpty() ? i.id() : name;
    }

    static boolean isPlatinum(Instance i) {
        return i.edition().equals(PLATINUM);
    }

    /** 1 Standard Edition (pay-as-you-go), 2 Enterprise Platinum Edition (subscription). */
    static int type(Instance i) {
        return isPlatinum(i) ? 2 : 1;
    }

    /**
     * 5 running, 7 upgrading while running, 2 overdue: a stopped (unpaid) instance, and an
     * expired subscription awaiting release. Any other state is one of provisioning: 0.
     */
    static int status(Instance i) {
        return switch (i.status()) {
            case "Running" -> 5;
            case "Upgrading" -> 7;
            case "Stopped", "Locked" -> 2;
            default -> 0;
        };
    }

    /** The subscription's expiry in epoch milliseconds (Enterprise Platinum only), not the release days later. */
    static Optional<Long> releaseTime(Instance i) {
        if (!isPlatinum(i) || !i.attributes().hasNonNull(EXPIRES_AT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(i.attributes().get(EXPIRES_AT).asText()).toEpochMilli());
        } catch (DateTimeParseException corrupt) {
            return Optional.empty();
        }
    }

    private static ObjectNode endpoints(Instance i) {
        String uid = uid(i);
        String region = i.region();
        ObjectNode endpoints = RpcResult.newObject()
                .put("TcpEndpoint", "http://" + i.id() + "." + region + ".mq-internal.aliyuncs.com:8080");
        if (PUBLIC_TCP_REGIONS.contains(region)) {
            endpoints.put("TcpInternetEndpoint", "http://" + i.id() + ".mq." + region + ".aliyuncs.com:80");
        }
        return endpoints.put("HttpInternetEndpoint", "http://" + uid + ".mqrest." + region + ".aliyuncs.com")
                .put("HttpInternalEndpoint", "http://" + uid + ".mqrest." + region + "-internal.aliyuncs.com")
                .put("HttpInternetSecureEndpoint", "https://" + uid + ".mqrest." + region + ".aliyuncs.com");
    }

    /** The numeric owner part of the id ({@code MQ_INST_<uid>_<suffix>}), which the HTTP endpoints carry. */
    private static String uid(Instance i) {
        Matcher m = ID.matcher(i.id());
        return m.matches() ? m.group(1) : i.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The commodity id, in the shape of {@code ons-cn-m7r1r5f****}: the region's country part and the id's suffix. */
    private static String commodityId(Instance i) {
        Matcher m = ID.matcher(i.id());
        String suffix = m.matches() ? m.group(2) : uid(i);
        return "ons-" + i.region().split("-", 2)[0] + "-" + suffix.toLowerCase(Locale.ROOT);
    }
}
