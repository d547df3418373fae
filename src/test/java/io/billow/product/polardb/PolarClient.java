package io.billow.product.polardb;

import com.aliyun.tea.TeaModel;
import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PolarDB API called as a generated client calls it: the generic Tea {@code callApi} with
 * style RPC (alibaba-apis.md §5.4), V3-signed by default, parameters in the query; answers read
 * into {@link PolarModels}. Failures throw {@code TeaException} as every Tea client does.
 */
final class PolarClient {

    private final Client client;

    PolarClient(String accessKeyId, String accessKeySecret, int port) throws Exception {
        this.client = new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                .setEndpoint("127.0.0.1:" + port).setProtocol("HTTP").setRegionId("cn-hangzhou"));
    }

    /** Calls {@code action} with {@code query} (name, value, name, value…) and reads the body into {@code model}. */
    <T extends TeaModel> T call(String action, T model, String... query) throws Exception {
        Map<String, String> q = new LinkedHashMap<>();
        for (int n = 0; n < query.length; n += 2) {
            q.put(query[n], query[n + 1]);
        }
        Params params = new Params().setAction(action).setVersion("2017-08-01").setProtocol("HTTPS").setPathname("/").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
        Map<String, ?> answer = client.callApi(params, new OpenApiRequest().setQuery(q), new RuntimeOptions());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) answer.get("body");
        return TeaModel.toModel(body, model);
    }

    PolarModels.CreateDBClusterResponseBody create(String... query) throws Exception {
        return call("CreateDBCluster", new PolarModels.CreateDBClusterResponseBody(), query);
    }

    /** A cluster of {@code nodes} × {@code nodeClass}: Prepaid for {@code months} months, or Postpaid when months is 0. */
    String cluster(String nodeClass, int nodes, int months) throws Exception {
        return months == 0
                ? create("RegionId", "cn-hangzhou", "DBType", "PostgreSQL", "DBVersion", "14", "DBNodeClass", nodeClass, "DBNodeNum",
                String.valueOf(nodes), "PayType", "Postpaid").DBClusterId
                : create("RegionId", "cn-hangzhou", "DBType", "PostgreSQL", "DBVersion", "14", "DBNodeClass", nodeClass, "DBNodeNum",
                String.valueOf(nodes), "PayType", "Prepaid", "Period", "Month", "UsedTime", String.valueOf(months)).DBClusterId;
    }

    PolarModels.OrderResponseBody modifyClass(String id, String type, String target) throws Exception {
        return call("ModifyDBNodeClass", new PolarModels.OrderResponseBody(), "DBClusterId", id, "ModifyType", type, "DBNodeTargetClass", target);
    }

    PolarModels.DescribeDBClusterAttributeResponseBody attribute(String id) throws Exception {
        return call("DescribeDBClusterAttribute", new PolarModels.DescribeDBClusterAttributeResponseBody(), "DBClusterId", id);
    }

    PolarModels.DBCluster listed(String id) throws Exception {
        return call("DescribeDBClusters", new PolarModels.DescribeDBClustersResponseBody(), "RegionId", "cn-hangzhou", "DBClusterIds", id)
                .items.DBCluster.get(0);
    }
}
