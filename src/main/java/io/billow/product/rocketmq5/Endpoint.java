package io.billow.product.rocketmq5;

import java.time.Instant;
import java.util.Optional;

/**
 * A VPC endpoint of a RocketMQ 5.x instance, as the APIs list it.
 *
 * @param type       TCP_VPC (the endpoint type GetInstance reports)
 * @param url        the address clients connect to
 * @param billsOwner true under the service-consumer model (Standard/Professional): the owner pays its fee and traffic
 * @param status     Active, or ToBeUnpublished once an upgrade replaced it
 * @param markedAt   when it was marked ToBeUnpublished
 * @param deletedAt  when the user deleted it; its fees stop at that second
 */
public record Endpoint(String endpointId, String type, String url, boolean billsOwner, Status status, Instant createdAt,
                       Optional<Instant> markedAt, Optional<Instant> deletedAt) {

    /** The type of every endpoint Billow creates for RocketMQ 5.x. */
    public static final String TCP_VPC = "TCP_VPC";

    /** What an endpoint is for its user (domain.md §6). */
    public enum Status {
        /** The endpoint to use. */
        ACTIVE("Active"),
        /** Replaced by an upgrade: still reaches the instance, still bills its owner, until deleted. */
        TO_BE_UNPUBLISHED("ToBeUnpublished");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        /** The name the APIs show. */
        public String wire() {
            return wire;
        }

        static Status of(String wire) {
            for (Status s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            throw new IllegalStateException("unknown endpoint status " + wire);
        }
    }

    public boolean isDeleted() {
        return deletedAt.isPresent();
    }
}
