package io.billow.instance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;

import java.time.Instant;

/**
 * An instance as stored: who owns it, its current configuration (a cache of its timeline's
 * last snapshot) and the configuration facts a deployment reports (engine version, SSL...).
 */
public record Instance(String id, String accountId, String product, String region, String zoneId, String edition,
                       String instanceClass, BillingMethod method, String status, int storageGb, String storageType,
                       ObjectNode attributes, Instant createdAt, Instant releasedAt, Instant lastSwitchAt, int version) {

    public boolean isReleased() {
        return releasedAt != null;
    }
}
