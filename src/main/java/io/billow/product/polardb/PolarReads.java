package io.billow.product.polardb;

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

/** DescribeDBClusters, DescribeDBClusterAttribute and DescribeDBClusterEndpoints: the caller's PolarDB clusters. */
final class PolarReads {

    /** A limit on one page. */
    static final int MAX_PAGE_SIZE = 100;
    static final int PORT = 5432;

    private final PolarClusters clusters;

    PolarReads(PolarClusters clusters) {
        this.clusters = clusters;
    }

    RpcResult describeAttribute(RpcCall call) {
        PolarClusters.Seen s = clusters.require(call.accountId(), call.parameters().required("DBClusterId"));
        return RpcResult.of(PolarView.attribute(s, clusters.nodeClass(s.instance().instanceClass())));
    }

    RpcResult describeClusters(RpcCall call) {
        RpcParameters p = call.parameters();
        Optional<String> region = p.optional("RegionId").map(clusters::region);
        int pageNumber = p.optionalInt("PageNumber").orElse(1);
        int pageSize = p.optionalInt("PageSize").orElse(30);
        if (pageNumber < 1) {
            throw new RpcFailure(RpcError.invalidParameter("PageNumber", "It must be 1 or more."));
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new RpcFailure(RpcError.invalidParameter("PageSize", "It must be 1–" + MAX_PAGE_SIZE + "."));
        }
        Optional<Set<String>> ids = p.optional("DBClusterIds").map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(x -> !x.isEmpty()).collect(Collectors.toSet()));
        Optional<String> status = p.optional("DBClusterStatus");
        Optional<String> description = p.optional("DBClusterDescription");
        Optional<String> type = p.optional("DBType");
        List<ObjectNode> matching = clusters.all(call.accountId()).stream()
                .filter(s -> region.map(r -> r.equals(s.instance().region())).orElse(true))
                .map(PolarView::listed)
                .filter(n -> ids.map(w -> w.contains(n.path("DBClusterId").asText())).orElse(true))
                .filter(n -> status.map(w -> w.equals(n.path("DBClusterStatus").asText())).orElse(true))
                .filter(n -> type.map(w -> w.equals(n.path("DBType").asText())).orElse(true))
                .filter(n -> description.map(d -> n.path("DBClusterDescription").asText().contains(d)).orElse(true))
                .toList();
        ObjectNode out = RpcResult.newObject();
        ArrayNode items = out.putObject("Items").putArray("DBCluster");
        matching.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).forEach(items::add);
        out.put("PageNumber", pageNumber).put("PageRecordCount", items.size()).put("TotalRecordCount", matching.size());
        return RpcResult.of(out);
    }

    /** The cluster endpoint (every node, read-write splitting) and the primary endpoint (the Writer), as a new cluster has them. */
    RpcResult describeEndpoints(RpcCall call) {
        PolarClusters.Seen s = clusters.require(call.accountId(), call.parameters().required("DBClusterId"));
        Optional<String> wanted = call.parameters().optional("DBEndpointId");
        String suffix = s.instance().id().substring(s.instance().id().indexOf('-') + 1);
        List<String> ids = s.nodeIds();
        String writer = ids.stream().filter(id -> PolarClusters.role(s.instance(), id).equals(PolarClusters.WRITER)).findFirst().orElse("");
        ObjectNode out = RpcResult.newObject();
        ArrayNode items = out.putArray("Items");
        for (ObjectNode e : List.of(endpoint(s, "pe-" + suffix, "Cluster", "ReadWrite", String.join(",", ids), "Enable"),
                endpoint(s, "pe-" + suffix + "-primary", "Primary", "ReadWrite", writer, "Disable"))) {
            if (wanted.map(w -> w.equals(e.path("DBEndpointId").asText())).orElse(true)) {
                items.add(e);
            }
        }
        if (wanted.isPresent() && items.isEmpty()) {
            throw new RpcFailure(RpcError.of("InvalidDBEndpointId.NotFound", 404, "The endpoint " + wanted.get() + " is not an endpoint of "
                    + s.instance().id() + "."));
        }
        return RpcResult.of(out);
    }

    private static ObjectNode endpoint(PolarClusters.Seen s, String id, String type, String mode, String nodes, String autoAdd) {
        ObjectNode e = RpcResult.newObject().put("DBClusterId", s.instance().id()).put("DBEndpointId", id)
                .put("DBEndpointDescription", type.equals("Cluster") ? "Cluster Address" : "Primary Address").put("EndpointType", type)
                .put("ReadWriteMode", mode).put("Nodes", nodes).put("AutoAddNewNodes", autoAdd).put("EndpointConfig", "{}");
        e.putArray("AddressItems").addObject().put("ConnectionString", id + ".pg.polardb." + s.instance().region() + ".rds.aliyuncs.com")
                .put("IPAddress", "").put("NetType", "Private").put("Port", String.valueOf(PORT))
                .put("VPCId", s.instance().attributes().path(PolarView.VPC).asText(""))
                .put("VSwitchId", s.instance().attributes().path(PolarView.VSWITCH).asText(""));
        return e;
    }
}
