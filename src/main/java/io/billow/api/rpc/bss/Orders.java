package io.billow.api.rpc.bss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.order.Order;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** QueryOrders and GetOrderDetail: the account's orders in BSS's words. */
final class Orders {

    /** A limit on one query: at most this many of an account's orders are read. */
    static final int MAX_ORDERS = 10_000;

    private final Jdbi jdbi;

    Orders(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    RpcResult query(RpcCall call) {
        RpcParameters p = call.parameters();
        BssAnswer.Page page = BssAnswer.page(p);
        Optional<Instant> from = p.optionalInstant("CreateTimeStart");
        Optional<Instant> to = p.optionalInstant("CreateTimeEnd");
        Optional<String> type = p.optional("OrderType");
        Optional<String> status = p.optional("PaymentStatus");
        Optional<String> product = p.optional("ProductCode");
        List<ObjectNode> orders = jdbi.withHandle(h -> {
            Map<String, Optional<Instance>> instances = new HashMap<>();
            return OrderStore.list(h, call.accountId(), null, MAX_ORDERS).stream()
                    .filter(o -> from.map(f -> !o.createdAt().isBefore(f)).orElse(true))
                    .filter(o -> to.map(t -> o.createdAt().isBefore(t)).orElse(true))
                    .map(o -> view(o, instances.computeIfAbsent(o.instanceId(), id -> instance(h, id))))
                    .filter(o -> type.map(o.get("OrderType").asText()::equals).orElse(true))
                    .filter(o -> status.map(o.get("PaymentStatus").asText()::equals).orElse(true))
                    .filter(o -> product.map(o.get("ProductCode").asText()::equals).orElse(true))
                    .toList();
        });
        ObjectNode out = BssAnswer.success();
        ObjectNode data = out.putObject("Data").put("PageNum", page.number()).put("PageSize", page.size()).put("TotalCount", orders.size());
        ArrayNode list = data.putObject("OrderList").putArray("Order");
        orders.stream().skip(page.skip()).limit(page.size()).forEach(list::add);
        return RpcResult.of(out);
    }

    RpcResult detail(RpcCall call) {
        String id = call.parameters().required("OrderId");
        ObjectNode order = jdbi.withHandle(h -> OrderStore.find(h, call.accountId(), id).map(o -> {
            ObjectNode n = view(o, instance(h, o.instanceId()));
            n.put("InstanceIDs", o.instanceId() == null ? "" : o.instanceId()).put("Config", o.details().toString())
                    .put("ExtendInfos", o.explanation());
            return n;
        })).orElseThrow(() -> new RpcFailure(RpcError.of("InvalidOrderId.NotFound", 404, "The order " + id + " does not exist.")));
        ObjectNode out = BssAnswer.success();
        ObjectNode data = out.putObject("Data").put("PageNum", 1).put("PageSize", 1).put("TotalCount", 1);
        data.putObject("OrderList").putArray("Order").add(order);
        return RpcResult.of(out);
    }

    private static Optional<Instance> instance(Handle h, String id) {
        return id == null ? Optional.empty() : InstanceStore.find(h, null, id);
    }

    private static ObjectNode view(Order o, Optional<Instance> instance) {
        ObjectNode n = RpcResult.newObject().put("OrderId", o.id()).put("OrderType", orderType(o.type()))
                .put("PaymentStatus", paymentStatus(o)).put("CreateTime", o.createdAt().toString())
                .put("Currency", o.currency()).put("PaymentCurrency", o.currency())
                .put("PretaxGrossAmount", o.listPrice().toPlainString()).put("PretaxAmount", o.cashPaid().toPlainString())
                .put("AfterTaxAmount", o.cashPaid().toPlainString()).put("Tax", "0")
                .put("ProductCode", instance.map(i -> BssAnswer.productCode(i.product())).orElse(""))
                .put("SubscriptionType", o.type() == OrderType.NEW && o.listPrice().signum() > 0 || o.type() == OrderType.RENEW
                        ? "Subscription" : "PayAsYouGo");
        if (paymentStatus(o).equals("Paid")) {
            n.put("PaymentTime", o.createdAt().toString());
        }
        return n;
    }

    /** BSS order types; CONVERT is BSS's Convert (a billing-method change). */
    private static String orderType(OrderType type) {
        String name = type.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String paymentStatus(Order o) {
        if (o.status() == OrderStatus.CREATED) {
            return "Unpaid";
        }
        if (o.status() == OrderStatus.FAILED || (o.status() == OrderStatus.REFUNDED && o.type() != OrderType.REFUND)) {
            return "Cancelled";
        }
        return "Paid";
    }
}
