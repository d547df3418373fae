package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.Catalog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Jdbi;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** DescribeDBInstances and DescribeDBInstanceAttribute: the caller's RDS PostgreSQL instances. */
final class InstanceReads {

    /** A limit on one listing: an account's instances are read at most this many at a time. */
    static final int MAX_INSTANCES = 10_000;
    private static final int MAX_PAGE_SIZE = 100;

    private final Jdbi jdbi;
    private final Catalog catalog;

    InstanceReads(Jdbi jdbi, Catalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
    }

    RpcResult describeAttribute(RpcCall call) {
        String id = call.parameters().required("DBInstanceId");
        Instance i = jdbi.withHandle(h -> InstanceStore.get(h, call.accountId(), id));
        if (i.isReleased() || !i.product().equals(RdsActions.PRODUCT)) {
            throw InstanceStore.notFound(id);
        }
        ObjectNode out = RpcResult.newObject();
        out.putObject("Items").putArray("DBInstanceAttribute").add(InstanceView.attribute(i, catalog));
        return RpcResult.of(out);
    }

    RpcResult describeInstances(RpcCall call) {
        RpcParameters p = call.parameters();
        int pageNumber = p.optionalInt("PageNumber").orElse(1);
        int pageSize = p.optionalInt("PageSize").orElse(30);
        if (pageNumber < 1) {
            throw new RpcFailure(RpcError.invalidParameter("PageNumber", "It must be 1 or more."));
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new RpcFailure(RpcError.invalidParameter("PageSize", "It must be within 1–" + MAX_PAGE_SIZE + "."));
        }
        Optional<Set<String>> ids = p.optional("DBInstanceId").map(v -> Arrays.stream(v.split(",")).map(String::trim).collect(Collectors.toSet()));
        Optional<String> region = p.optional("RegionId");
        Optional<String> status = p.optional("DBInstanceStatus");
        Optional<String> payType = p.optional("PayType").map(v -> RdsPayTypes.parse("PayType", v).alibabaName());
        Optional<String> category = p.optional("Category");
        List<Instance> matching = jdbi.withHandle(h -> InstanceStore.list(h, call.accountId(), MAX_INSTANCES, null)).stream()
                .filter(i -> !i.isReleased() && i.product().equals(RdsActions.PRODUCT))
                .filter(i -> ids.map(s -> s.contains(i.id())).orElse(true))
                .filter(i -> region.map(i.region()::equals).orElse(true))
                .filter(i -> status.map(i.status()::equals).orElse(true))
                .filter(i -> payType.map(i.method().alibabaName()::equals).orElse(true))
                .filter(i -> category.map(i.edition()::equals).orElse(true))
                .toList();
        ObjectNode out = RpcResult.newObject();
        ArrayNode items = out.putObject("Items").putArray("DBInstance");
        matching.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).forEach(i -> items.add(InstanceView.summary(i, catalog)));
        out.put("PageNumber", pageNumber).put("PageRecordCount", items.size()).put("TotalRecordCount", matching.size());
        return RpcResult.of(out);
    }
}
