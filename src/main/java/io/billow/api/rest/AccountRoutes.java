package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.clock.BillowClock;
import io.billow.money.Money;
import io.billow.money.Rounding;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.time.SettlementZone;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Accounts, keys, top-ups, coupons and service-linked roles. */
public final class AccountRoutes {

    record CreateAccount(String name, String currency, BigDecimal balance, String settlementZone) {
    }

    record Amount(BigDecimal amount, String reference, Instant expiresAt) {
    }

    record Role(String roleName, String serviceName) {
    }

    /** A limit on everything: no single amount above a trillion (well inside the ledger's numeric range). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private final AccountStore accounts;
    private final BillowClock clock;

    public AccountRoutes(AccountStore accounts, BillowClock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    void create(Context ctx, Caller caller) {
        caller.requireOperator();
        CreateAccount body = Json.read(ctx.body(), CreateAccount.class);
        List<Problem> problems = new ArrayList<>();
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "name is required (at most 200 characters)"));
        }
        try {
            Money.checkCurrency(body.currency());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of("InvalidParameter.Currency", "currency must be a three-letter code such as USD, got " + body.currency()));
        }
        BigDecimal balance = body.balance() == null ? BigDecimal.ZERO : body.balance();
        if (balance.signum() < 0 || balance.scale() > 2 || balance.compareTo(MAX_AMOUNT) > 0) {
            problems.add(Problem.of("InvalidParameter.Amount", "balance must be within 0–" + MAX_AMOUNT.toPlainString()
                    + " with at most two decimals, got " + balance.toPlainString()));
        }
        ZoneId zone = zone(body.settlementZone() == null ? "UTC" : body.settlementZone(), problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        Instant now = clock.now();
        SettlementZone settlement = SettlementZone.of(zone, now);
        Instant firstPeriod = settlement.periodContaining(now).start();
        AccountStore.AccessKey key = accounts.create(body.name(), body.currency(), balance, zone.getId(),
                settlement.standardOffset().getTotalSeconds(), firstPeriod, now);
        ObjectNode out = Json.MAPPER.createObjectNode().put("accountId", key.accountId()).put("accessKeyId", key.accessKeyId())
                .put("accessKeySecret", key.accessKeySecret());
        RestApi.json(ctx, 201, out);
    }

    void get(Context ctx, Caller caller) {
        Account a = accountOf(ctx, caller);
        RestApi.json(ctx, 200, view(a).put("ledgerSum", accounts.ledgerSum(a.id()).toPlainString()));
    }

    void topUp(Context ctx, Caller caller) {
        caller.requireOperator();
        Account a = accountOf(ctx, caller);
        Amount body = Json.read(ctx.body(), Amount.class);
        positive(body.amount());
        if (body.reference() != null && !body.reference().matches("[\\x21-\\x7E]{1,64}")) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "reference must be 1–64 printable ASCII characters without spaces");
        }
        String reference = body.reference() == null ? java.util.UUID.randomUUID().toString() : body.reference();
        RestApi.json(ctx, 200, view(accounts.topUp(a.id(), body.amount(), reference, clock.now())));
    }

    void createKey(Context ctx, Caller caller) {
        Account a = accountOf(ctx, caller);
        AccountStore.AccessKey key = accounts.createKey(a.id(), clock.now());
        RestApi.json(ctx, 201, Json.MAPPER.createObjectNode().put("accountId", key.accountId()).put("accessKeyId", key.accessKeyId())
                .put("accessKeySecret", key.accessKeySecret()));
    }

    void addCoupon(Context ctx, Caller caller) {
        caller.requireOperator();
        Account a = accountOf(ctx, caller);
        Amount body = Json.read(ctx.body(), Amount.class);
        positive(body.amount());
        String id = accounts.addCoupon(a.id(), body.amount(), body.expiresAt(), clock.now());
        RestApi.json(ctx, 201, Json.MAPPER.createObjectNode().put("couponId", id).put("amount", Rounding.shown(body.amount()).toPlainString()));
    }

    void addRole(Context ctx, Caller caller) {
        Account a = accountOf(ctx, caller);
        Role body = Json.read(ctx.body(), Role.class);
        if (body.roleName() == null || !body.roleName().matches("[A-Za-z0-9.-]{1,64}")) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "roleName must be 1–64 letters, digits, dots or dashes");
        }
        accounts.addRole(a.id(), body.roleName(), body.serviceName() == null ? "" : body.serviceName(), clock.now());
        RestApi.json(ctx, 201, Json.MAPPER.createObjectNode().put("roleName", body.roleName()));
    }

    /** The account in the path, if the caller may see it; otherwise it does not exist for them. */
    private Account accountOf(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (!caller.operator() && !id.equals(caller.accountId())) {
            throw new ProblemException(Codes.ACCOUNT_NOT_FOUND, "account " + id + " does not exist");
        }
        return accounts.get(id);
    }

    private static ObjectNode view(Account a) {
        return Json.MAPPER.createObjectNode().put("accountId", a.id()).put("name", a.name()).put("currency", a.currency())
                .put("balance", a.balance().toPlainString()).put("settlementZone", a.zoneId())
                .put("settledThrough", a.settledThrough().toString())
                .put("overdueSince", a.overdueSince() == null ? null : a.overdueSince().toString());
    }

    private static void positive(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new ProblemException("InvalidParameter.Amount", "amount must be positive, at most " + MAX_AMOUNT.toPlainString()
                    + ", with at most two decimals, got " + (amount == null ? null : amount.toPlainString()));
        }
    }

    private static ZoneId zone(String id, List<Problem> problems) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            problems.add(Problem.of("InvalidParameter.SettlementZone", "unknown time zone '" + id + "' (use an IANA name such as Asia/Kolkata)"));
            return null;
        }
    }
}
