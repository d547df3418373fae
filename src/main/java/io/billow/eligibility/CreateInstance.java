package io.billow.eligibility;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A request to create an instance.
 *
 * @param months     subscription term in months (Subscription only)
 * @param rcuMin     serverless MinCapacity (Serverless only)
 * @param rcuMax     serverless MaxCapacity (Serverless only)
 * @param engineVersion database engine major version (RDS), e.g. "16.0"; null for the default
 * @param labels     descriptive texts the instance keeps in its attributes (ONS InstanceName and Remark); never billed
 * @param nodeCount  compute nodes, for classes sold by node count (AnalyticDB SegNodeNum); null for the class's minimum
 */
public record CreateInstance(String product, String region, String zoneId, String edition, String instanceClass,
                             String billingMethod, Integer storageGb, String storageType, Integer months,
                             BigDecimal rcuMin, BigDecimal rcuMax, String engineVersion, Map<String, String> labels, Integer nodeCount) {

    public CreateInstance {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public CreateInstance(String product, String region, String zoneId, String edition, String instanceClass, String billingMethod,
                          Integer storageGb, String storageType, Integer months, BigDecimal rcuMin, BigDecimal rcuMax, String engineVersion) {
        this(product, region, zoneId, edition, instanceClass, billingMethod, storageGb, storageType, months, rcuMin, rcuMax, engineVersion,
                Map.of(), null);
    }
}
