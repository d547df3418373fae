package io.billow.change;

import java.math.BigDecimal;

/**
 * A request to create an instance.
 *
 * @param months     subscription term in months (Subscription only)
 * @param rcuMin     serverless MinCapacity (Serverless only)
 * @param rcuMax     serverless MaxCapacity (Serverless only)
 * @param engineVersion database engine major version (RDS), e.g. "16.0"; null for the default
 */
public record CreateInstance(String product, String region, String zoneId, String edition, String instanceClass,
                             String billingMethod, Integer storageGb, String storageType, Integer months,
                             BigDecimal rcuMin, BigDecimal rcuMax, String engineVersion) {
}
