package io.billow.product.rocketmq4;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.change.ChangeAction;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.provision.Provisioner;

import java.util.Map;

/**
 * RocketMQ 4.x's own rules (domain.md §5): Standard upgrades to Enterprise Platinum in place, and
 * never downgrades directly: with the post-expiration action {@code DowngradeToStandard}, an
 * ending subscription (expired or unsubscribed) becomes Standard pay-as-you-go at once with every
 * topic and group.
 */
final class RocketMq4Rules implements ProductRules {

    static final String STANDARD = "Standard";
    static final String ENTERPRISE_PLATINUM = "EnterprisePlatinum";
    static final String STANDARD_CLASS = "standard";
    static final String DOWNGRADE_TO_STANDARD = "DowngradeToStandard";

    private final EditionUpgrade upgrade;

    RocketMq4Rules(Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.upgrade = new EditionUpgrade(catalog, clock, provisioner);
    }

    @Override
    public Map<String, Conversion> postExpirationConversions() {
        return Map.of(DOWNGRADE_TO_STANDARD, new Conversion(STANDARD, STANDARD_CLASS, BillingMethod.PAY_AS_YOU_GO));
    }

    @Override
    public Map<String, ChangeAction> changeActions() {
        return Map.of("upgradeEdition", upgrade);
    }
}
