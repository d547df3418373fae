package io.billow.settlement;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Product;
import io.billow.metering.Accrual;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.rating.BillLine;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines rated once per distinct accrual pattern, and their COPY fields encoded once per line. In a
 * fleet most instances of a class accrue exactly alike in an hour (created before it, running
 * throughout), so rating them one by one repeats the same arithmetic and formatting thousands of
 * times. Rating is a pure function of the accruals, the pricing and the immutable price book,
 * so a remembered answer is the answer. Bounded, and used by one thread only.
 */
final class RatedShapes {

    /** A limit on what is remembered; past it the memo starts afresh. */
    static final int MAX_ENTRIES = 10_000;

    private final Rater rater;
    private final Map<Key, List<BillLine>> lines = new HashMap<>();
    private final Map<BillLine, BinaryCopy.Fragment> copyFields = new IdentityHashMap<>();
    private final Map<SteadyKey, List<BillLine>> steady = new HashMap<>();

    RatedShapes(Rater rater) {
        this.rater = rater;
    }

    /** What {@code rater.rate(metered, pricing, Map.of())} answers, from memory when it was asked before. */
    List<BillLine> rate(Metered metered, Rater.Pricing pricing) {
        Key key = Key.of(metered, pricing);
        List<BillLine> known = lines.get(key);
        if (known != null) {
            return known;
        }
        List<BillLine> rated = List.copyOf(rater.rate(metered, pricing, Map.of()));
        if (lines.size() >= MAX_ENTRIES) {
            lines.clear();
        }
        lines.put(key, rated);
        return rated;
    }

    /**
     * The lines of an instance unchanged since before what the period meters (its open segment
     * began earlier, see {@link Meter#quietBefore}), or null if it accrued nothing. Such an
     * instance accrues what its snapshot says and nothing else, so alike instances share one
     * metering and one rating; the key holds everything metering reads besides the snapshot.
     */
    List<BillLine> rateSteady(String instanceId, Segment open, Product product, Interval period, SettlementZone zone,
                              Rater.Pricing pricing) {
        SteadyKey key = new SteadyKey(open.snapshot(), open.eventIndex(), product.code(), pricing, period,
                Meter.quietBefore(product, period, zone));
        List<BillLine> known = steady.get(key);
        if (known != null) {
            return known == NOTHING ? null : known;
        }
        Metered metered = Meter.measureSteady(instanceId, open, product, period, zone);
        List<BillLine> rated = metered.isEmpty() ? NOTHING : rate(metered, pricing);
        if (steady.size() >= MAX_ENTRIES) {
            steady.clear();
        }
        steady.put(key, rated);
        return rated == NOTHING ? null : rated;
    }

    /** Remembered for an instance that accrued nothing (a distinct list, told apart by identity). */
    private static final List<BillLine> NOTHING = new ArrayList<>(0);

    /** A line's COPY fields after its bill id and line number, encoded. */
    BinaryCopy.Fragment copyFields(BillLine l) {
        BinaryCopy.Fragment known = copyFields.get(l);
        if (known != null) {
            return known;
        }
        BinaryCopy.Fragment fields = encode(l);
        if (copyFields.size() >= MAX_ENTRIES) {
            copyFields.clear();
        }
        copyFields.put(l, fields);
        return fields;
    }

    /** The fields of {@code bill_lines} after {@code bill_id, line_no}, in the order of {@link #LINE_COLUMNS}. */
    static BinaryCopy.Fragment encode(BillLine l) {
        return BinaryCopy.fragment().text(l.item()).text(l.spec()).text(l.method().name()).numeric(l.quantity())
                .text(l.quantityUnit()).numeric(l.unitPrice()).int8(l.unitSize()).text(l.priceUnit()).numeric(l.amount())
                .bool(l.adjustment()).text(l.explanation().toString()).toFragment();
    }

    static final String LINE_COLUMNS = "bill_lines (bill_id, line_no, item, spec, billing_method, quantity, quantity_unit, "
            + "unit_price, unit_size, price_unit, amount, adjustment, explanation)";

    /** Everything rating reads: catalog items stand by their code (they are the catalog's own objects). */
    private record Key(String product, String region, String currency, Interval period, boolean methodChanged,
                       List<AccrualKey> accruals, Map<String, BigDecimal> allowances, Map<String, BigDecimal> cycleUsage) {

        static Key of(Metered m, Rater.Pricing p) {
            List<AccrualKey> accruals = new ArrayList<>(m.accruals().size());
            for (Accrual a : m.accruals()) {
                accruals.add(new AccrualKey(a.item().code(), a.spec(), a.method(), a.start(), a.end(), a.rate(), a.eventIndex(), a.note()));
            }
            return new Key(p.product(), p.region(), p.currency(), m.period(), m.methodChanged(), accruals, m.allowances(), m.cycleUsage());
        }
    }

    /** {@code quietBefore} stands for the zone: what metering reads of it is whether, and from when, the day is looked back over. */
    private record SteadyKey(InstanceSnapshot snapshot, int eventIndex, String product, Rater.Pricing pricing, Interval period,
                             Instant quietBefore) {
    }

    private record AccrualKey(String item, String spec, BillingMethod method, long start, long end, BigDecimal rate, int eventIndex,
                              java.util.Optional<String> note) {
    }
}
