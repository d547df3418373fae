package io.billow.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** Bills as a table with a total, as the demo and the bills command print them. */
final class BillTable {

    private BillTable() {
    }

    static String of(JsonNode bills) {
        Table t = new Table("PERIOD (UTC)", "INSTANCE", "ITEM", "SPEC", "METHOD", "QUANTITY", "AMOUNT", "PAYABLE");
        BigDecimal total = BigDecimal.ZERO;
        String currency = "";
        for (JsonNode b : bills) {
            String period = b.path("periodStart").asText().substring(0, 16).replace('T', ' ') + "–" + b.path("periodEnd").asText().substring(11, 16);
            boolean first = true;
            for (JsonNode l : b.path("lines")) {
                t.row(first ? period : "", first ? b.path("instanceId").asText() : "", l.path("item").asText(), l.path("spec").asText(),
                        l.path("billingMethod").asText(), l.path("quantity").asText() + " " + l.path("unit").asText(),
                        l.path("amount").asText(), first ? b.path("payable").asText() : "");
                first = false;
            }
            total = total.add(new BigDecimal(b.path("payable").asText()));
            currency = b.path("currency").asText();
        }
        return t + "TOTAL PAYABLE: " + total.toPlainString() + " " + currency + " over " + bills.size() + " bills\n";
    }
}
