package io.billow.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs steps against a Billow server over its native REST API, as a tenant or the operator would.
 * A refusal (4xx) is a fine answer to a random request; a 5xx is a failure of Billow.
 */
final class Driver {

    static final String RDS = "rds-postgresql";
    static final String WAREHOUSE = "analyticdb-postgresql";
    private static final List<String> RDS_CLASSES = List.of("pg.n2.small.2c", "pg.n2.medium.2c", "pg.n4.large.2c", "pg.x4.xlarge.2c");
    private static final List<Integer> RDS_STORAGE = List.of(20, 50, 100, 200);
    private static final List<String> FAILING_KINDS = List.of("MODIFY_SPEC", "CONVERT", "PAUSE", "RESUME", "CREATE");
    private static final List<String> ROLES = List.of("AliyunServiceRoleForRdsPgsqlOnEcs", "AliyunServiceRoleForRDSProxyOnEcs");

    private final ApiClient operator;
    private final World world;
    private final ServerKills kills;
    /** A wrong answer that is not a 5xx, found by the step that ran last. */
    private String problem;

    Driver(ApiClient operator, World world, ServerKills kills) {
        this.operator = operator;
        this.world = world;
        this.kills = kills;
    }

    /**
     * Runs {@code step}; empty when Billow answered as it may, else what went wrong. An injected
     * provisioner failure is answered 503 ProvisioningFailed by design (try again): that is no fault.
     */
    Optional<String> run(Step step) {
        problem = null;
        if (world.accounts.isEmpty() && step.kind() != Step.Kind.NEW_ACCOUNT) {
            return Optional.empty();
        }
        ApiClient.Response r = switch (step.kind()) {
            case NEW_ACCOUNT -> newAccount(step);
            case CREATE_PAY_AS_YOU_GO -> create(step, rdsBody(step, "PayAsYouGo", ""));
            case CREATE_WAREHOUSE -> create(step, "{\"product\":\"" + WAREHOUSE + "\",\"region\":\"cn-hangzhou\",\"edition\":\"ElasticStorage\","
                    + "\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":" + (50 * (1 + step.variant())) + "}");
            case CREATE_SUBSCRIPTION -> create(step, rdsBody(step, "Subscription", ",\"months\":" + step.amount()));
            case SWITCH_TO_SERVERLESS -> switchTo(step, true, "{\"payType\":\"Serverless\",\"instanceClass\":\"pg.n2.serverless.2c\","
                    + "\"minCapacity\":0.5,\"maxCapacity\":" + (8 + step.variant()) + ",\"autoPause\":" + (step.variant() % 2 == 0)
                    + ",\"switchForce\":false}");
            case SWITCH_TO_PAY_AS_YOU_GO -> switchTo(step, false, "{\"payType\":\"PayAsYouGo\",\"instanceClass\":\""
                    + RDS_CLASSES.get(step.variant() % RDS_CLASSES.size()) + "\"}");
            case MODIFY_SPEC -> onRds(step, "{\"action\":\"modifySpec\",\"instanceClass\":\""
                    + RDS_CLASSES.get(step.variant() % RDS_CLASSES.size()) + "\"}");
            case PAUSE -> onWarehouse(step, "{\"action\":\"pause\"}");
            case RESUME -> onWarehouse(step, "{\"action\":\"resume\"}");
            case USAGE_ON_TIME -> usage(step, 0);
            case USAGE_LATE -> usage(step, 300L * (1 + step.variant()));
            case USAGE_DUPLICATE -> duplicateUsage(step);
            case TOP_UP -> topUp(step, false);
            case TOP_UP_REPEATED -> topUp(step, true);
            case RENEW -> onSubscription(step, "{\"action\":\"renew\",\"months\":" + step.amount() + "}");
            case UNSUBSCRIBE -> onSubscription(step, "{\"action\":\"unsubscribe\",\"confirmDeleteResource\":true}");
            case FAIL_NEXT -> operator.put("/api/v1/provisioner", "{\"failNext\":{\"" + FAILING_KINDS.get(step.variant() % FAILING_KINDS.size())
                    + "\":1}}");
            case ADVANCE -> operator.post("/api/v1/clock", "{\"advanceSeconds\":" + step.amount() + "}");
            case RELEASE -> release(step);
            case KILL -> kills.killDuringAdvance(operator, step);
        };
        if (problem != null) {
            String found = problem;
            problem = null;
            return Optional.of(step + ": " + found);
        }
        if (r != null && r.status() >= 500 && !(r.status() == 503 && r.code().equals("ProvisioningFailed"))) {
            return Optional.of(step + " answered " + r.status() + ": " + r.body());
        }
        return Optional.empty();
    }

    private ApiClient.Response newAccount(Step step) {
        String balance = BigDecimal.valueOf(step.amount()).setScale(2).toPlainString();
        ApiClient.Response r = operator.post("/api/v1/accounts", "{\"name\":\"" + world.prefix + "-" + world.accounts.size()
                + "\",\"currency\":\"USD\",\"balance\":\"" + balance + "\"}");
        if (r.status() == 201) {
            World.Account a = new World.Account(r.body().get("accountId").asText(),
                    r.body().get("accessKeyId").asText() + ":" + r.body().get("accessKeySecret").asText(), new BigDecimal(balance));
            world.accounts.add(a);
            for (String role : ROLES) {
                operator.post("/api/v1/accounts/" + a.id + "/service-linked-roles", "{\"roleName\":\"" + role + "\"}");
            }
        }
        return r;
    }

    private static String rdsBody(Step step, String method, String more) {
        return "{\"product\":\"" + RDS + "\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\",\"instanceClass\":\""
                + RDS_CLASSES.get(step.variant() % RDS_CLASSES.size()) + "\",\"billingMethod\":\"" + method + "\",\"storageGb\":"
                + RDS_STORAGE.get(step.pick() % RDS_STORAGE.size()) + more + "}";
    }

    private ApiClient.Response create(Step step, String body) {
        World.Account a = world.account(step.pick());
        ApiClient.Response r = operator.as(a.token).post("/api/v1/instances", body);
        if (r.status() == 201) {
            JsonNode b = r.body();
            world.instances.add(new World.Instance(b.get("instanceId").asText(), a, b.get("product").asText(),
                    b.get("billingMethod").asText().equals("Subscription")));
        }
        return r;
    }

    private ApiClient.Response onRds(Step step, String body) {
        World.Instance i = world.live(step.pick(), x -> x.product.equals(RDS));
        return i == null ? null : operator.as(i.account.token).post("/api/v1/instances/" + i.id + "/changes", body);
    }

    /** A switch between pay-as-you-go and serverless, of an RDS instance billed the other way as far as the simulation knows. */
    private ApiClient.Response switchTo(Step step, boolean serverless, String body) {
        World.Instance i = world.live(step.pick(), x -> x.product.equals(RDS) && !x.subscription && x.serverless != serverless);
        if (i == null) {
            return null;
        }
        ApiClient.Response r = operator.as(i.account.token).post("/api/v1/instances/" + i.id + "/switch", body);
        if (r.status() == 202) {
            i.serverless = serverless;
        }
        return r;
    }

    private ApiClient.Response onWarehouse(Step step, String body) {
        World.Instance i = world.live(step.pick(), x -> x.product.equals(WAREHOUSE));
        return i == null ? null : operator.as(i.account.token).post("/api/v1/instances/" + i.id + "/changes", body);
    }

    private ApiClient.Response onSubscription(Step step, String body) {
        World.Instance i = world.live(step.pick(), x -> x.subscription);
        return i == null ? null : operator.as(i.account.token).post("/api/v1/instances/" + i.id + "/changes", body);
    }

    /** A usage report {@code lateBy} seconds after the instant it describes (0: on time). */
    private ApiClient.Response usage(Step step, long lateBy) {
        World.Instance i = world.live(step.pick(), x -> x.serverless);
        if (i == null) {
            return null;
        }
        Instant at = now().minusSeconds(lateBy);
        String body = "{\"eventId\":\"" + world.prefix + "-u" + step.index() + "\",\"at\":\"" + at + "\",\"rcu\":"
                + BigDecimal.valueOf(step.amount()).divide(BigDecimal.valueOf(2)).toPlainString() + "}";
        ApiClient.Response r = operator.as(i.account.token).post("/api/v1/instances/" + i.id + "/usage", body);
        if (r.status() == 201) {
            i.usageReports.add(body);
        }
        return r;
    }

    private ApiClient.Response duplicateUsage(Step step) {
        World.Instance i = world.live(step.pick(), x -> !x.usageReports.isEmpty());
        if (i == null) {
            return null;
        }
        String body = i.usageReports.get(step.variant() % i.usageReports.size());
        ApiClient.Response r = operator.as(i.account.token).post("/api/v1/instances/" + i.id + "/usage", body);
        if (r.status() < 500 && !r.body().path("duplicate").asBoolean(false)) {
            problem = "a repeated usage report was recorded again: " + r.status() + " " + r.body();
        }
        return r;
    }

    /** A top-up with its own reference, or the last one again (which must not pay in twice). */
    private ApiClient.Response topUp(Step step, boolean repeated) {
        World.Account a = world.account(step.pick());
        String reference;
        long amount;
        if (repeated && !a.topUpReferences.isEmpty()) {
            String last = a.topUpReferences.get(a.topUpReferences.size() - 1);
            reference = last.substring(0, last.indexOf('|'));
            amount = Long.parseLong(last.substring(last.indexOf('|') + 1));
        } else {
            reference = world.prefix + "-t" + step.index();
            amount = step.amount();
        }
        ApiClient.Response r = operator.post("/api/v1/accounts/" + a.id + "/top-ups", "{\"amount\":\"" + amount + ".00\",\"reference\":\""
                + reference + "\"}");
        if (r.status() / 100 == 2 && !a.topUpReferences.contains(reference + "|" + amount)) {
            a.topUpReferences.add(reference + "|" + amount);
            a.topUps = a.topUps.add(BigDecimal.valueOf(amount));
        }
        return r;
    }

    private ApiClient.Response release(Step step) {
        World.Instance i = world.live(step.pick(), x -> true);
        if (i == null) {
            return null;
        }
        ApiClient.Response r = operator.as(i.account.token).delete("/api/v1/instances/" + i.id);
        if (r.status() == 200) {
            i.released = true;
        }
        return r;
    }

    private Instant now() {
        return Instant.parse(operator.get("/api/v1/clock").body().get("now").asText());
    }
}
