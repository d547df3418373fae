package io.billow.product.rocketmq4;

import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The errors of the ONS API, and the engine's refusals in ONS terms. Codes follow the ONS error
 * table ({@code BIZ_FIELD_CHECK_INVALID}, {@code BIZ_TOPIC_EXISTED}, {@code BIZ_TOPIC_NOT_FOUND},
 * {@code BIZ_SUBSCRIPTION_EXISTED}, {@code BIZ_SUBSCRIPTION_NOT_FOUND}, {@code BIZ_REGION_NOT_FOUND})
 * and the OnsGroupCreate page ({@code Group.NumLimited}); the rest are named in the same families.
 * A refusal never leaves anything written.
 */
final class OnsErrors {

    static final String FIELD_INVALID = "BIZ_FIELD_CHECK_INVALID";
    static final String INSTANCE_NOT_FOUND = "BIZ_INSTANCE_NOT_FOUND";
    static final String INSTANCE_NAME_EXISTED = "BIZ_INSTANCE_NAME_EXISTED";
    static final String INSTANCE_NOT_EMPTY = "BIZ_INSTANCE_NOT_EMPTY";
    static final String INSTANCES_LIMITED = "Instance.NumLimited";
    static final String REGION_NOT_FOUND = "BIZ_REGION_NOT_FOUND";
    static final String TOPIC_EXISTED = "BIZ_TOPIC_EXISTED";
    static final String TOPIC_NOT_FOUND = "BIZ_TOPIC_NOT_FOUND";
    static final String TOPICS_LIMITED = "Topic.NumLimited";
    static final String GROUP_EXISTED = "BIZ_SUBSCRIPTION_EXISTED";
    static final String GROUP_NOT_FOUND = "BIZ_SUBSCRIPTION_NOT_FOUND";
    static final String GROUPS_LIMITED = "Group.NumLimited";
    static final String OPERATION_DENIED = "OperationDenied";
    static final String INCORRECT_STATE = "IncorrectInstanceState";

    private OnsErrors() {
    }

    static RpcFailure fieldInvalid(String parameter, String why) {
        return new RpcFailure(RpcError.of(FIELD_INVALID, 400, "The parameter " + parameter + " is invalid: " + why));
    }

    static RpcFailure instanceNotFound(String instanceId) {
        return new RpcFailure(RpcError.of(INSTANCE_NOT_FOUND, 404, "The instance " + shown(instanceId)
                + " is not found in this region. Check the InstanceId, and that the request goes to the instance's region."));
    }

    static RpcFailure regionNotFound(String region, Collection<String> regions) {
        return new RpcFailure(RpcError.of(REGION_NOT_FOUND, 404, "The region " + shown(region)
                + " is not found; ApsaraMQ for RocketMQ is offered in " + String.join(", ", regions.stream().sorted().toList()) + "."));
    }

    static RpcFailure instanceNameExisted(String name, String region) {
        return new RpcFailure(RpcError.of(INSTANCE_NAME_EXISTED, 400, "Another instance in region " + region
                + " is already named " + name + "; instance names are unique per region. Choose another InstanceName."));
    }

    static RpcFailure tooManyInstances(String region, int limit) {
        return new RpcFailure(RpcError.of(INSTANCES_LIMITED, 400, "An account holds at most " + limit + " instances in region "
                + region + ", and this one has " + limit + ". Delete an instance first, or create it in another region."));
    }

    static RpcFailure instanceNotEmpty(String instanceId, long topics, long groups) {
        return new RpcFailure(RpcError.of(INSTANCE_NOT_EMPTY, 400, "The instance " + instanceId + " still holds " + topics
                + " topic(s) and " + groups + " group(s); an instance can be deleted only once its topics and groups are deleted."));
    }

    static RpcFailure subscriptionNotDeletable(String instanceId) {
        return new RpcFailure(RpcError.of(OPERATION_DENIED, 403, "The instance " + instanceId
                + " is an Enterprise Platinum subscription: it is released when its subscription ends, or by unsubscribing it; "
                + "OnsInstanceDelete deletes Standard Edition instances only."));
    }

    static RpcFailure nameTaken(String parameter, String name, String instanceId, String takenBy) {
        return fieldInvalid(parameter, "the instance " + instanceId + " already has a " + takenBy + " named " + name
                + "; its topics and group IDs share one namespace.");
    }

    /**
     * Runs a call into the engine, answering its refusals with ONS errors.
     *
     * @param kind the resource kind concerned ({@code topics} or {@code groups}), or null for an instance change
     */
    static <T> T guard(String kind, String instanceId, String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException refused) {
            throw translate(refused, kind, instanceId, name);
        }
    }

    static void guard(String kind, String instanceId, String name, Runnable work) {
        guard(kind, instanceId, name, () -> {
            work.run();
            return null;
        });
    }

    private static RuntimeException translate(ProblemException refused, String kind, String instanceId, String name) {
        String message = refused.first().message();
        boolean topics = "topics".equals(kind);
        return switch (refused.first().code()) {
            case Codes.INSTANCE_NOT_FOUND -> instanceNotFound(instanceId);
            case Codes.RESOURCE_EXISTS -> new RpcFailure(topics
                    ? RpcError.of(TOPIC_EXISTED, 400, "The topic " + name + " already exists in the instance " + instanceId + ".")
                    : RpcError.of(GROUP_EXISTED, 400, "The group " + name + " already exists in the instance " + instanceId + "."));
            case Codes.RESOURCE_NOT_FOUND -> new RpcFailure(topics
                    ? RpcError.of(TOPIC_NOT_FOUND, 404, "The topic " + shown(name) + " is not found in the instance " + instanceId + ".")
                    : RpcError.of(GROUP_NOT_FOUND, 404, "The group " + shown(name) + " is not found in the instance " + instanceId + "."));
            case Codes.RESOURCE_QUOTA -> new RpcFailure(RpcError.of(topics ? TOPICS_LIMITED : GROUPS_LIMITED, 400,
                    (topics ? "The topic count exceeds the instance's topic capacity: " : "The group count exceeds the limit: ") + message
                            + ". Delete one first, or upgrade the instance's specification."));
            case Codes.INSTANCE_EXPIRED -> new RpcFailure(RpcError.of(OPERATION_DENIED, 403, "The operation is denied: " + message + "."));
            case Codes.INCORRECT_STATE -> new RpcFailure(RpcError.of(INCORRECT_STATE, 400, message));
            case "InvalidRegionId.NotFound" -> new RpcFailure(RpcError.of(REGION_NOT_FOUND, 404, message));
            default -> refused;
        };
    }

    /** A value from the request, echoed only when short: it may be long, or a secret pasted by mistake. */
    static String shown(String value) {
        return value != null && value.length() <= 80 ? value : "(given)";
    }
}
