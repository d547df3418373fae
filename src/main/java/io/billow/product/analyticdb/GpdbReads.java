package io.billow.product.analyticdb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** DescribeDBInstances and DescribeDBInstanceAttribute: the caller's AnalyticDB instances. */
final class GpdbReads {

    /** The page sizes the real API accepts. */
    private static final Set<Integer> PAGE_SIZES = Set.of(30, 50, 100);

    private final GpdbInstances instances;

    GpdbReads(GpdbInstances instances) {
        this.instances = instances;
    }

    RpcResult describeAttribute(RpcCall call) {
        GpdbInstances.Seen s = instances.require(call.accountId(), call.parameters().required("DBInstanceId"));
        ObjectNode out = RpcResult.newObject();
        out.putObject("Items").putArray("DBInstanceAttribute")
                .add(GpdbView.attribute(s, instances.instanceClass(s.instance().instanceClass())));
        return RpcResult.of(out);
    }

    RpcResult describeInstances(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = instances.region(p.required("RegionId"));
        int pageNumber = p.optionalInt("PageNumber").orElse(1);
        int pageSize = p.optionalInt("PageSize").orElse(30);
        if (pageNumber < 1) {
            throw new RpcFailure(RpcError.invalidParameter("PageNumber", "It must be 1 or more."));
        }
        if (!PAGE_SIZES.contains(pageSize)) {
            throw new RpcFailure(RpcError.invalidParameter("PageSize", "It must be 30, 50 or 100."));
        }
        Optional<Set<String>> ids = commaList(p, "DBInstanceIds");
        Optional<Set<String>> statuses = commaList(p, "DBInstanceStatuses");
        Optional<Set<String>> modes = commaList(p, "DBInstanceModes");
        Optional<Set<String>> categories = commaList(p, "DBInstanceCategories");
        Optional<String> description = p.optional("DBInstanceDescription");
        Optional<String> vpc = p.optional("VpcId");
        List<ObjectNode> matching = instances.all(call.accountId()).stream()
                .filter(s -> s.instance().region().equals(region))
                .map(GpdbView::listed)
                .filter(n -> within(ids, n, "DBInstanceId") && within(statuses, n, "DBInstanceStatus") && within(modes, n, "DBInstanceMode")
                        && within(categories, n, "DBInstanceCategory"))
                .filter(n -> description.map(d -> n.path("DBInstanceDescription").asText().contains(d)).orElse(true))
                .filter(n -> vpc.map(v -> v.equals(n.path("VpcId").asText())).orElse(true))
                .toList();
        ObjectNode out = RpcResult.newObject();
        ArrayNode items = out.putObject("Items").putArray("DBInstance");
        matching.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).forEach(items::add);
        out.put("PageNumber", pageNumber).put("PageRecordCount", items.size()).put("TotalRecordCount", matching.size());
        return RpcResult.of(out);
    }

    /** Filters are compared with what the listing shows, so a status filter takes the API's names (Resuming, not Starting). */
    private static boolean within(Optional<Set<String>> wanted, ObjectNode item, String field) {
        return wanted.map(w -> w.contains(item.path(field).asText())).orElse(true);
    }

    /** The SDK sends list parameters comma-joined ("simple" style). */
    private static Optional<Set<String>> commaList(RpcParameters p, String name) {
        return p.optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }
}
