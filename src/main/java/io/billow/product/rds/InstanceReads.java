package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceQuery;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Jdbi;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** DescribeDBInstances and DescribeDBInstanceAttribute: the caller's RDS PostgreSQL instances. */
final class InstanceReads {

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
        Optional<BillingMethod> payType = p.optional("PayType").map(v -> RdsPayTypes.parse("PayType", v));
        Optional<String> category = p.optional("Category");
        InstanceQuery query = new InstanceQuery(call.accountId(), RdsActions.PRODUCT, ids, region, status, payType, category);
        InstanceQuery.Page page = jdbi.withHandle(h -> query.page(h, (long) (pageNumber - 1) * pageSize, pageSize));
        ObjectNode out = RpcResult.newObject();
        ArrayNode items = out.putObject("Items").putArray("DBInstance");
        page.items().forEach(i -> items.add(InstanceView.summary(i, catalog)));
        out.put("PageNumber", pageNumber).put("PageRecordCount", items.size()).put("TotalRecordCount", page.total());
        return RpcResult.of(out);
    }
}
