package io.billow.change;

import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.metering.Meter;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.rating.BillLine;
import io.billow.rating.PriceNotFoundException;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one hour of a configuration costs, rated by the same core that bills: a synthetic timeline
 * holding the snapshot for the hour, so an estimate's hourly figures follow the state rules
 * (a paused instance pays storage only) and price versions exactly as a bill would.
 */
public final class HourlyCost {

    private HourlyCost() {
    }

    /**
     * @param rcuProfile RCU levels held for equal shares of the hour; empty means the snapshot's own level all hour
     */
    public static List<BillLine> lines(Catalog catalog, Product product, InstanceSnapshot snap, Instant start, Rater.Pricing pricing,
                                       List<BigDecimal> rcuProfile) {
        Interval hour = Interval.ofSeconds(start, 3600);
        Timeline t = new Timeline("estimate");
        t.append(new TimelineEvent.Created(hour.start(), snap));
        long share = rcuProfile.isEmpty() ? 3600 : 3600 / rcuProfile.size();
        for (int k = 0; k < rcuProfile.size(); k++) {
            t.append(new TimelineEvent.RcuSampled(hour.start().plusSeconds(k * share), rcuProfile.get(k)));
        }
        try {
            return new Rater(catalog.prices()).rate(Meter.measure(t, product, hour, SettlementZone.UTC), pricing, Map.of());
        } catch (PriceNotFoundException e) {
            throw new ProblemException(Codes.PRICE_NOT_FOUND, e.getMessage());
        }
    }

    public static BigDecimal total(List<BillLine> lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (BillLine l : lines) {
            total = total.add(l.amount());
        }
        return total;
    }
}
