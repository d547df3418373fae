package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.resource.InstanceResources;
import io.javalin.http.Context;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** An instance's named resources of one kind (topics, groups), under {@code /api/v1/instances/{id}/<kind>}. */
public final class ResourceRoutes {

    /** A resource to create: its name and what the product records of it (messageType, groupType, remark...). */
    record CreateBody(String name, ObjectNode attributes) {
    }

    private final InstanceResources resources;
    private final List<String> kinds;

    /** @param kinds every resource kind the catalog's products hold: each gets its routes */
    public ResourceRoutes(InstanceResources resources, Collection<String> kinds) {
        this.resources = resources;
        this.kinds = List.copyOf(new TreeSet<>(kinds));
    }

    List<String> kinds() {
        return kinds;
    }

    void create(Context ctx, Caller caller, String kind) {
        CreateBody b = Json.read(ctx.body(), CreateBody.class);
        ObjectNode attributes = b.attributes() == null ? Json.MAPPER.createObjectNode() : b.attributes();
        if (attributes.size() > 20) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "a " + kind + " entry has at most 20 attributes");
        }
        InstanceResources.Resource r = resources.create(caller.scope(null), ctx.pathParam("id"), kind, b.name(), attributes);
        RestApi.json(ctx, 201, view(r));
    }

    void list(Context ctx, Caller caller, String kind) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("instanceId", ctx.pathParam("id"));
        ArrayNode items = out.putArray(kind);
        for (InstanceResources.Resource r : resources.list(caller.scope(null), ctx.pathParam("id"), kind,
                Optional.ofNullable(ctx.queryParam("name")))) {
            items.add(view(r));
        }
        RestApi.json(ctx, 200, out);
    }

    void delete(Context ctx, Caller caller, String kind) {
        resources.delete(caller.scope(null), ctx.pathParam("id"), kind, ctx.pathParam("name"));
        RestApi.json(ctx, 200, Json.MAPPER.createObjectNode().put("instanceId", ctx.pathParam("id")).put("name", ctx.pathParam("name"))
                .put("deleted", true));
    }

    private static ObjectNode view(InstanceResources.Resource r) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("name", r.name()).put("kind", r.kind()).put("createdAt", r.createdAt().toString());
        n.set("attributes", r.attributes());
        return n;
    }
}
