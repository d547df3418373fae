package io.billow.product.rocketmq4;

import io.billow.api.rpc.RpcCall;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The region an ONS call addresses. The v1 SDK sends {@code RegionId}; the Tea SDK sends none,
 * and its region is only in the endpoint it calls ({@code ons.<region>.aliyuncs.com}). A call
 * that names neither (an SDK pointed at Billow's own address) goes to {@value #DEFAULT}.
 */
final class OnsRegion {

    static final String DEFAULT = "cn-hangzhou";
    private static final Pattern HOST = Pattern.compile("ons\\.([a-z0-9-]{1,40})\\.aliyuncs\\.com(:\\d{1,5})?\\.?");

    private OnsRegion() {
    }

    /**
     * The call's region.
     *
     * @throws io.billow.api.rpc.RpcFailure {@code BIZ_REGION_NOT_FOUND} for a region the product is not offered in
     */
    static String of(RpcCall call, Catalog catalog) {
        String region = call.parameters().optional("RegionId")
                .or(() -> call.header("Host").flatMap(OnsRegion::fromHost))
                .orElse(DEFAULT);
        Product product = catalog.product(RocketMq4Module.PRODUCT)
                .orElseThrow(() -> new IllegalStateException("the catalog has no " + RocketMq4Module.PRODUCT));
        if (!product.regions().contains(region) && !product.regions().contains("*")) {
            throw OnsErrors.regionNotFound(region, product.regions());
        }
        return region;
    }

    /** The region in an ONS endpoint host such as {@code ons.cn-shanghai.aliyuncs.com:80}. */
    static Optional<String> fromHost(String host) {
        Matcher m = HOST.matcher(host.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
