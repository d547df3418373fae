package io.billow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Commands that read a running server: instances, bills, orders. */
final class ClientCommands {

    private ClientCommands() {
    }

    /** Connection options shared by the client commands. */
    static class Connection {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Billow server URL (default ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--key", description = "Operator key or AccessKeyId:AccessKeySecret (default: BILLOW_KEY, or ./billow-data/admin.key).")
        String key;

        JsonNode get(String path) throws Exception {
            String token = key != null ? key : System.getenv("BILLOW_KEY");
            if (token == null) {
                java.nio.file.Path file = java.nio.file.Path.of("billow-data", "admin.key");
                if (java.nio.file.Files.exists(file)) {
                    token = java.nio.file.Files.readString(file).trim();
                }
            }
            ApiClient.Response res = new ApiClient(url, token).get(path);
            if (res.status() >= 400) {
                throw new IllegalStateException(res.code() + ": " + res.body().path("message").asText());
            }
            return res.body();
        }
    }

    static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Command(name = "instances", description = "List instances of a running server.")
    static final class Instances extends Connection implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Table t = new Table("INSTANCE", "PRODUCT", "EDITION", "CLASS", "METHOD", "STATUS");
            for (JsonNode i : get("/api/v1/instances?limit=1000").path("instances")) {
                t.row(i.path("instanceId").asText(), i.path("product").asText(), i.path("edition").asText(), i.path("instanceClass").asText(),
                        i.path("billingMethod").asText(), i.path("status").asText());
            }
            System.out.print(t);
            return 0;
        }
    }

    @Command(name = "bills", description = "List settled bills of a running server.")
    static final class Bills extends Connection implements Callable<Integer> {
        @Option(names = "--instance", description = "Only this instance.")
        String instance;

        @Override
        public Integer call() throws Exception {
            String path = "/api/v1/bills?limit=10000" + (instance == null ? "" : "&instanceId=" + q(instance));
            System.out.print(BillTable.of(get(path).path("bills")));
            return 0;
        }
    }

    @Command(name = "orders", description = "List orders of a running server.")
    static final class Orders extends Connection implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Table t = new Table("ORDER", "TYPE", "STATUS", "INSTANCE", "CASH PAID", "EXPLANATION");
            for (JsonNode o : get("/api/v1/orders").path("orders")) {
                t.row(o.path("orderId").asText(), o.path("type").asText(), o.path("status").asText(), o.path("instanceId").asText(),
                        o.path("cashPaid").asText() + " " + o.path("currency").asText(), o.path("explanation").asText());
            }
            System.out.print(t);
            return 0;
        }
    }
}
