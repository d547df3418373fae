package io.billow.product.rocketmq5.roa;

import io.billow.api.roa.RoaRoutes;
import io.billow.api.rpc.ClientTokens;
import io.billow.catalog.Catalog;
import io.billow.change.InstanceChanges;
import io.billow.product.rocketmq5.Endpoints;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The RocketMQ 5.x API {@value #VERSION} in its ROA style: instances, topics and consumer groups. */
public final class RocketMq5Api {

    public static final String VERSION = "2022-08-01";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final InstanceChanges changes;
    private final InstanceResources resources;
    private final ClientTokens<Handle> tokens;
    private final Endpoints endpoints;

    public RocketMq5Api(Jdbi jdbi, Catalog catalog, InstanceChanges changes, InstanceResources resources, ClientTokens<Handle> tokens,
                        Endpoints endpoints) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.changes = changes;
        this.resources = resources;
        this.tokens = tokens;
        this.endpoints = endpoints;
    }

    public void register(RoaRoutes routes) {
        Mq5Instances instances = new Mq5Instances(jdbi, catalog);
        Mq5InstanceActions actions = new Mq5InstanceActions(jdbi, instances, changes, resources, new RoaEndpoints(endpoints));
        Mq5Resources shared = new Mq5Resources(instances, resources);
        Mq5Topics topics = new Mq5Topics(shared);
        Mq5Groups groups = new Mq5Groups(shared);
        String instance = "/instances/{instanceId}";
        String topic = instance + "/topics/{topicName}";
        String group = instance + "/consumerGroups/{consumerGroupId}";
        routes.add(VERSION, "POST", "/instances", "CreateInstance", new Mq5Create(instances, changes, tokens))
                .add(VERSION, "GET", "/instances", "ListInstances", actions::list)
                .add(VERSION, "GET", instance, "GetInstance", actions::get)
                .add(VERSION, "PATCH", instance, "UpdateInstance", actions::update)
                .add(VERSION, "DELETE", instance, "DeleteInstance", actions::delete)
                .add(VERSION, "POST", topic, "CreateTopic", topics::create)
                .add(VERSION, "GET", instance + "/topics", "ListTopics", topics::list)
                .add(VERSION, "GET", topic, "GetTopic", topics::get)
                .add(VERSION, "PATCH", topic, "UpdateTopic", topics::update)
                .add(VERSION, "DELETE", topic, "DeleteTopic", topics::delete)
                .add(VERSION, "POST", group, "CreateConsumerGroup", groups::create)
                .add(VERSION, "GET", instance + "/consumerGroups", "ListConsumerGroups", groups::list)
                .add(VERSION, "GET", group, "GetConsumerGroup", groups::get)
                .add(VERSION, "PATCH", group, "UpdateConsumerGroup", groups::update)
                .add(VERSION, "DELETE", group, "DeleteConsumerGroup", groups::delete);
    }
}
