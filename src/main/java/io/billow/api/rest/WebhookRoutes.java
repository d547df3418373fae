package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.clock.BillowClock;
import io.billow.webhook.WebhookStore;
import io.javalin.http.Context;

/** Webhooks of an account: register (the secret is shown once), list, delete. */
public final class WebhookRoutes {

    record Register(String accountId, String url) {
    }

    private final WebhookStore webhooks;
    private final BillowClock clock;

    public WebhookRoutes(WebhookStore webhooks, BillowClock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    void register(Context ctx, Caller caller) {
        Register body = Json.read(ctx.body(), Register.class);
        WebhookStore.Webhook w = webhooks.register(caller.requireAccount(body.accountId()), body.url(), clock.now());
        RestApi.json(ctx, 201, Json.MAPPER.createObjectNode().put("webhookId", w.id()).put("url", w.url()).put("secret", w.secret())
                .put("signature", "X-Billow-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>"));
    }

    void list(Context ctx, Caller caller) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode arr = out.putArray("webhooks");
        for (WebhookStore.Webhook w : webhooks.list(caller.scope(ctx.queryParam("accountId")))) {
            arr.addObject().put("webhookId", w.id()).put("accountId", w.accountId()).put("url", w.url())
                    .put("deliveredThroughEventId", w.deliveredThrough()).put("failures", w.failures());
        }
        RestApi.json(ctx, 200, out);
    }

    void delete(Context ctx, Caller caller) {
        webhooks.delete(caller.scope(null), ctx.pathParam("id"));
        ctx.status(204);
    }
}
