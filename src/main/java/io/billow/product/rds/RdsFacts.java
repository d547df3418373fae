package io.billow.product.rds;

import io.billow.catalog.BillingMethod;

import java.time.Instant;
import java.util.Set;

/**
 * What the serverless switch rules look at: the instance's configuration as the deployment
 * reports it, the account's service-linked roles, and what is in flight.
 *
 * @param cores          CPU cores of the current class
 * @param lastSwitchAt   completion of the last pay-as-you-go ↔ serverless switch, or null
 * @param minorVersion   e.g. rds_postgres_1600_20240830 (or a babelfish build)
 */
public record RdsFacts(
        String status,
        int majorVersion,
        String minorVersion,
        String edition,
        BillingMethod method,
        String storageType,
        int readOnlyInstances,
        boolean primary,
        boolean proxyEnabled,
        boolean sslEnabled,
        boolean diskEncryptionEnabled,
        boolean pgBouncerEnabled,
        Set<String> accountRoles,
        Instant lastSwitchAt,
        int cores,
        boolean operationInProgress,
        boolean unpaidOrder,
        boolean zoneHasServerlessRoom) {
}
