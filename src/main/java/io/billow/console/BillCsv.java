package io.billow.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Bills as CSV, one row per bill line, written from the native API's own JSON answer: each
 * figure is the API's text, never re-computed or re-rounded, so the export equals the API.
 */
final class BillCsv {

    static final List<String> HEADER = List.of("periodStart", "periodEnd", "instanceId", "item", "spec", "billingMethod", "quantity", "unit",
            "unitPrice", "priceUnit", "amount", "currency", "billPayable", "explanation");

    private BillCsv() {
    }

    static String of(JsonNode apiAnswer) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (JsonNode bill : apiAnswer.path("bills")) {
            for (JsonNode line : bill.path("lines")) {
                List<String> cells = List.of(text(bill, "periodStart"), text(bill, "periodEnd"), text(bill, "instanceId"), text(line, "item"),
                        text(line, "spec"), text(line, "billingMethod"), text(line, "quantity"), text(line, "unit"), text(line, "unitPrice"),
                        text(line, "priceUnit"), text(line, "amount"), text(bill, "currency"), text(bill, "payable"), text(line, "explanation"));
                out.append(String.join(",", cells.stream().map(BillCsv::cell).toList())).append("\r\n");
            }
        }
        return out.toString();
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).asText("");
    }

    /**
     * RFC 4180 quoting, and a leading quote on text a spreadsheet would run as a formula
     * (a bill line's explanation is partly the user's own text: topic and endpoint names).
     */
    static String cell(String v) {
        String safe = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v) ? "'" + v : v;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String v) {
        return v.matches("-?[0-9]+(\\.[0-9]+)?");
    }
}
