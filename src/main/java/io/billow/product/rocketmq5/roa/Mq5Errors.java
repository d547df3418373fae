package io.billow.product.rocketmq5.roa;

import io.billow.api.roa.RoaError;
import io.billow.api.roa.RoaFailure;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

import java.util.function.Supplier;

/**
 * The errors of the RocketMQ 5.x API ({@code alibaba-apis.md} §3.6), and the engine's refusals in
 * its terms. Parameter errors are {@code Missing<Param>} and {@code Invalid<Param>} (the family
 * of {@code MissingInstanceId} and {@code InvalidConsumerGroupId}), 400, with the parameter in
 * {@code dynamicCode}/{@code dynamicMessage}; what is not there is {@code <Kind>.NotFound}, 404;
 * a name taken is {@code <Kind>.Existed}, 400. Another account's instance is answered exactly as
 * an id that never existed.
 */
final class Mq5Errors {

    static final String INSTANCE_NOT_FOUND = "Instance.NotFound";
    static final String TOPIC_NOT_FOUND = "Topic.NotFound";
    static final String TOPIC_EXISTED = "Topic.Existed";
    static final String GROUP_NOT_FOUND = "ConsumerGroup.NotFound";
    static final String GROUP_EXISTED = "ConsumerGroup.Existed";
    static final String TOPICS = "topics";
    static final String GROUPS = "groups";

    private Mq5Errors() {
    }

    /** @param parameter the field as the body nests it ({@code productInfo.msgProcessSpec}); the code names its last part */
    static RoaFailure missing(String parameter) {
        String leaf = capitalized(leaf(parameter));
        return new RoaError("Missing" + leaf, 400, "Parameter " + parameter + " is mandatory for this action.", leaf, parameter).failure();
    }

    static RoaFailure invalid(String parameter, String why) {
        String leaf = capitalized(leaf(parameter));
        return new RoaError("Invalid" + leaf, 400, "Parameter " + parameter + " is invalid. " + why, leaf, parameter).failure();
    }

    private static String leaf(String parameter) {
        return parameter.substring(parameter.lastIndexOf('.') + 1);
    }

    static RoaFailure instanceNotFound(String instanceId) {
        return RoaError.about("instanceId", INSTANCE_NOT_FOUND, 404, "The instance " + shown(instanceId)
                + " cannot be found. Check the instanceId, and that the request goes to the instance's region.").failure();
    }

    static RoaFailure notFound(String kind, String instanceId, String name) {
        return TOPICS.equals(kind)
                ? RoaError.about("topicName", TOPIC_NOT_FOUND, 404, "The topic " + shown(name) + " cannot be found in the instance "
                        + instanceId + ".").failure()
                : RoaError.about("consumerGroupId", GROUP_NOT_FOUND, 404, "The consumer group " + shown(name)
                        + " cannot be found in the instance " + instanceId + ".").failure();
    }

    /**
     * Runs a call into the engine, answering its refusals in this API's terms; a refusal it has
     * no term for goes on to the gateway's translator, which keeps its code.
     *
     * @param kind the resource kind concerned ({@code topics}, {@code groups}), or null for an instance change
     */
    static <T> T guard(String kind, String instanceId, String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException refused) {
            throw translate(refused, kind, instanceId, name);
        }
    }

    private static RuntimeException translate(ProblemException refused, String kind, String instanceId, String name) {
        String message = refused.first().message();
        boolean topics = TOPICS.equals(kind);
        return switch (refused.first().code()) {
            case Codes.INSTANCE_NOT_FOUND -> instanceNotFound(instanceId);
            case Codes.RESOURCE_NOT_FOUND -> notFound(kind, instanceId, name);
            case Codes.RESOURCE_EXISTS -> topics
                    ? RoaError.about("topicName", TOPIC_EXISTED, 400, "The topic " + name + " already exists in the instance "
                            + instanceId + ".").failure()
                    : RoaError.about("consumerGroupId", GROUP_EXISTED, 400, "The consumer group " + name
                            + " already exists in the instance " + instanceId + ".").failure();
            case Codes.RESOURCE_QUOTA -> RoaError.of(topics ? "Topic.NumLimited" : "ConsumerGroup.NumLimited", 400,
                    "The instance holds as many " + (topics ? "topics" : "consumer groups") + " as it may: " + message
                            + ". Delete one first.").failure();
            case Codes.INSTANCE_EXPIRED -> RoaError.of("Instance.Stopped", 403, "The operation is denied: " + message + ".").failure();
            case Codes.INCORRECT_STATE -> RoaError.of("Instance.StatusNotAllowed", 400, "The instance's status does not allow this: "
                    + message + ".").failure();
            default -> refused;
        };
    }

    static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A value from the request, echoed only when short: it may be long, or a secret pasted by mistake. */
    static String shown(String value) {
        return value != null && value.length() <= 80 ? value : "(given)";
    }
}
