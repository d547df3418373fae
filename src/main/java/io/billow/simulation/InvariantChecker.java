package io.billow.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants, read through the operator's API after steps: every bill once and none after
 * release, billed seconds equal to the timeline's billable seconds, balances equal to what was paid
 * in less what was charged, refunds within cash paid, and orders that agree with their instance.
 */
final class InvariantChecker {

    private static final Set<String> IN_FLIGHT = Set.of("CREATED", "PAID");
    private static final Set<String> STEADY = Set.of("Running", "Released", "Paused", "Stopped", "Locked", "Suspended");

    private final ApiClient operator;
    private final Map<String, Map<String, Set<String>>> statesBilling = new HashMap<>();
    private long checks;

    InvariantChecker(ApiClient operator) {
        this.operator = operator;
    }

    long checks() {
        return checks;
    }

    /** Every invariant over every account of {@code world}; each broken one is described in the answer. */
    List<String> check(World world) {
        if (statesBilling.isEmpty()) {
            readCatalog();
        }
        List<String> broken = new ArrayList<>();
        Instant now = ServerKills.now(operator);
        for (World.Account a : world.accounts) {
            checkAccount(a, now, broken);
        }
        checks++;
        return broken;
    }

    private void readCatalog() {
        for (JsonNode p : operator.get("/api/v1/catalog").body().get("products")) {
            Map<String, Set<String>> states = new HashMap<>();
            p.get("states").fields().forEachRemaining(s -> {
                Set<String> items = new HashSet<>();
                s.getValue().fieldNames().forEachRemaining(items::add);
                states.put(s.getKey(), items);
            });
            statesBilling.put(p.get("code").asText(), states);
        }
    }

    private void checkAccount(World.Account a, Instant now, List<String> broken) {
        JsonNode account = operator.get("/api/v1/accounts/" + a.id).body();
        JsonNode bills = operator.get("/api/v1/bills?accountId=" + a.id + "&limit=10000").body().get("bills");
        JsonNode orders = operator.get("/api/v1/orders?accountId=" + a.id + "&limit=10000").body().get("orders");
        JsonNode instances = operator.get("/api/v1/instances?accountId=" + a.id + "&limit=1000").body().get("instances");
        Instant settled = Instant.parse(account.get("settledThrough").asText());
        BigDecimal payable = BigDecimal.ZERO;
        for (JsonNode b : bills) {
            payable = payable.add(new BigDecimal(b.get("payable").asText()));
        }
        BigDecimal cash = BigDecimal.ZERO;
        for (JsonNode o : orders) {
            cash = cash.add(cashMoved(o));
        }
        BigDecimal expected = a.opening.add(a.topUps).subtract(payable).subtract(cash);
        BigDecimal balance = new BigDecimal(account.get("balance").asText());
        if (balance.compareTo(expected) != 0) {
            broken.add("account " + a.id + ": balance " + balance + " but opening " + a.opening + " + top-ups " + a.topUps + " − payable "
                    + payable + " − cash on orders " + cash + " = " + expected);
        }
        if (new BigDecimal(account.get("ledgerSum").asText()).compareTo(balance) != 0) {
            broken.add("account " + a.id + ": balance " + balance + " but the ledger sums to " + account.get("ledgerSum").asText());
        }
        Map<String, List<JsonNode>> billsOf = group(bills);
        Map<String, List<JsonNode>> ordersOf = group(orders);
        for (JsonNode i : instances) {
            String id = i.get("instanceId").asText();
            List<JsonNode> own = billsOf.getOrDefault(id, List.of());
            JsonNode events = operator.get("/api/v1/instances/" + id + "/timeline").body().get("events");
            BillableSeconds seconds = new BillableSeconds(events, now);
            new BillChecks(i, own, seconds, statesBilling.getOrDefault(i.get("product").asText(), Map.of()), settled).check(broken);
            checkOrders(i, ordersOf.getOrDefault(id, List.of()), broken);
        }
    }

    /**
     * The cash an order took from the balance (negative: gave back). A payment is taken when the
     * order is placed; a refund (a downgrade's) is given when its change is done, so not while the
     * order is in flight, nor when the change failed.
     */
    private static BigDecimal cashMoved(JsonNode order) {
        BigDecimal cash = new BigDecimal(order.get("cashPaid").asText());
        String status = order.get("status").asText();
        return cash.signum() < 0 && !status.equals("FULFILLED") && !status.equals("REFUNDED") ? BigDecimal.ZERO : cash;
    }

    private static Map<String, List<JsonNode>> group(JsonNode rows) {
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (JsonNode r : rows) {
            if (r.hasNonNull("instanceId")) {
                out.computeIfAbsent(r.get("instanceId").asText(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** Refunds within cash paid; no order in flight on a settled instance; the last switch is what the instance bills by. */
    private static void checkOrders(JsonNode instance, List<JsonNode> orders, List<String> broken) {
        String id = instance.get("instanceId").asText();
        String status = instance.get("status").asText();
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        JsonNode lastConvert = null;
        for (JsonNode o : orders) {
            BigDecimal c = cashMoved(o);
            if (c.signum() > 0) {
                paid = paid.add(c);
            } else {
                refunded = refunded.add(c.negate());
            }
            String state = o.get("status").asText();
            if (IN_FLIGHT.contains(state) && STEADY.contains(status)) {
                broken.add("instance " + id + " is " + status + " but its " + o.get("type").asText() + " order " + o.get("orderId").asText()
                        + " is still " + state);
            }
            if (o.get("type").asText().equals("CONVERT") && o.path("details").hasNonNull("to")) {
                lastConvert = o;
            }
        }
        if (refunded.compareTo(paid) > 0) {
            broken.add("instance " + id + ": refunded " + refunded + " of " + paid + " paid in cash");
        }
        if (lastConvert != null && lastConvert.get("status").asText().equals("FULFILLED") && !status.equals("Released")
                && !lastConvert.get("details").get("to").asText().equals(instance.get("billingMethod").asText())) {
            broken.add("instance " + id + " bills by " + instance.get("billingMethod").asText() + " but its last fulfilled switch "
                    + lastConvert.get("orderId").asText() + " was to " + lastConvert.get("details").get("to").asText());
        }
    }
}
