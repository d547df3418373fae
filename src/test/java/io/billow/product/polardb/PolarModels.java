package io.billow.product.polardb;

import com.aliyun.tea.NameInMap;
import com.aliyun.tea.TeaModel;

import java.util.List;

/**
 * The PolarDB API's responses (2017-08-01) as the generated Tea client's models name and nest them
 * (alibaba-apis.md §5.2), for reading answers of the generic {@code callApi}: no official Java
 * client of PolarDB resolves from the build's registry. Only the fields the tests read.
 */
final class PolarModels {

    private PolarModels() {
    }

    public static class CreateDBClusterResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("OrderId") public String orderId;
        @NameInMap("ResourceGroupId") public String resourceGroupId;
    }

    /** ModifyDBNodeClass and DeleteDBNodes. */
    public static class OrderResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("OrderId") public String orderId;
    }

    public static class CreateDBNodesResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("OrderId") public String orderId;
        @NameInMap("DBNodeIds") public DBNodeIds DBNodeIds;
    }

    public static class DBNodeIds extends TeaModel {
        @NameInMap("DBNodeId") public List<String> DBNodeId;
    }

    public static class TransformDBClusterPayTypeResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("OrderId") public String orderId;
        @NameInMap("ChargeType") public String chargeType;
        @NameInMap("ExpiredTime") public String expiredTime;
    }

    public static class DescribeDBClustersResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("PageNumber") public Integer pageNumber;
        @NameInMap("PageRecordCount") public Integer pageRecordCount;
        @NameInMap("TotalRecordCount") public Integer totalRecordCount;
        @NameInMap("Items") public Items items;
    }

    public static class Items extends TeaModel {
        @NameInMap("DBCluster") public List<DBCluster> DBCluster;
    }

    public static class DBCluster extends TeaModel {
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("DBClusterStatus") public String DBClusterStatus;
        @NameInMap("DBType") public String DBType;
        @NameInMap("DBVersion") public String DBVersion;
        @NameInMap("PayType") public String payType;
        @NameInMap("ExpireTime") public String expireTime;
        @NameInMap("Expired") public String expired;
        @NameInMap("LockMode") public String lockMode;
        @NameInMap("DBNodeClass") public String DBNodeClass;
        @NameInMap("DBNodeNumber") public Integer DBNodeNumber;
        @NameInMap("StorageUsed") public Long storageUsed;
        @NameInMap("DBNodes") public DBNodes DBNodes;
    }

    public static class DBNodes extends TeaModel {
        @NameInMap("DBNode") public List<ListedNode> DBNode;
    }

    public static class ListedNode extends TeaModel {
        @NameInMap("DBNodeId") public String DBNodeId;
        @NameInMap("DBNodeClass") public String DBNodeClass;
        @NameInMap("DBNodeRole") public String DBNodeRole;
        @NameInMap("ZoneId") public String zoneId;
    }

    public static class DescribeDBClusterAttributeResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("DBClusterStatus") public String DBClusterStatus;
        @NameInMap("PayType") public String payType;
        @NameInMap("ExpireTime") public String expireTime;
        @NameInMap("LockMode") public String lockMode;
        @NameInMap("StorageSpace") public Long storageSpace;
        @NameInMap("DBNodes") public List<AttributeNode> DBNodes;
        @NameInMap("Tags") public List<Tag> tags;
    }

    public static class AttributeNode extends TeaModel {
        @NameInMap("DBNodeId") public String DBNodeId;
        @NameInMap("DBNodeClass") public String DBNodeClass;
        @NameInMap("DBNodeRole") public String DBNodeRole;
        @NameInMap("DBNodeStatus") public String DBNodeStatus;
        @NameInMap("CpuCores") public String cpuCores;
        @NameInMap("MemorySize") public String memorySize;
        @NameInMap("FailoverPriority") public Integer failoverPriority;
    }

    public static class Tag extends TeaModel {
        @NameInMap("Key") public String key;
        @NameInMap("Value") public String value;
    }

    public static class DescribeDBClusterEndpointsResponseBody extends TeaModel {
        @NameInMap("RequestId") public String requestId;
        @NameInMap("Items") public List<Endpoint> items;
    }

    public static class Endpoint extends TeaModel {
        @NameInMap("DBClusterId") public String DBClusterId;
        @NameInMap("DBEndpointId") public String DBEndpointId;
        @NameInMap("EndpointType") public String endpointType;
        @NameInMap("ReadWriteMode") public String readWriteMode;
        @NameInMap("Nodes") public String nodes;
        @NameInMap("AddressItems") public List<Address> addressItems;
    }

    public static class Address extends TeaModel {
        @NameInMap("ConnectionString") public String connectionString;
        @NameInMap("NetType") public String netType;
        @NameInMap("Port") public String port;
    }
}
