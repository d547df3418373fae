package io.billow.timeline;

/**
 * A network endpoint of an instance (a PrivateLink VPC endpoint).
 *
 * @param billsOwner true under the service-consumer model, where the owner pays the endpoint fee
 *                   and its traffic; false under the service-provider model (free to the owner)
 * @param toBeUnpublished marked "To Be Unpublished" after an upgrade; still works and still bills
 */
public record Endpoint(String id, boolean billsOwner, boolean toBeUnpublished) {
}
