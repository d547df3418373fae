package io.billow.change;

/**
 * A change asked of an instance through {@code POST /api/v1/instances/{id}/changes} (or priced first
 * through {@code /api/v1/estimates}): the action and whichever of its fields it uses.
 *
 * @param months                a term (upgradeEdition, renew, setAutoRenew)
 * @param enabled               setAutoRenew on or off
 * @param nodeCount             compute nodes after a spec change, for classes sold by nodes
 * @param confirmDeleteResource unsubscribe even though the post-expiration action deletes the instance
 * @param edition               the edition an upgradeEdition goes to, where a product has more than one to choose from
 */
public record ChangeRequest(String action, String instanceClass, Integer storageGb, Integer months, String postExpirationAction,
                            Boolean enabled, Boolean confirmDeleteResource, Integer nodeCount, String edition) {

    public ChangeRequest(String action, String instanceClass, Integer storageGb, Integer months, String postExpirationAction,
                         Boolean enabled, Boolean confirmDeleteResource, Integer nodeCount) {
        this(action, instanceClass, storageGb, months, postExpirationAction, enabled, confirmDeleteResource, nodeCount, null);
    }

    public ChangeRequest(String action, String instanceClass, Integer storageGb, Integer months, String postExpirationAction,
                         Boolean enabled, Boolean confirmDeleteResource) {
        this(action, instanceClass, storageGb, months, postExpirationAction, enabled, confirmDeleteResource, null);
    }
}
