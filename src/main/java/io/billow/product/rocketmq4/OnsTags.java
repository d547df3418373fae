package io.billow.product.rocketmq4;

import io.billow.api.rpc.RpcParameters;

/**
 * The {@code Tag.N.Key}/{@code Tag.N.Value} filters of the ONS listings. Billow attaches no tags
 * to ONS resources, so a listing filtered by a tag matches nothing, as it would on an account
 * that never tagged anything; every listed item carries an empty {@code Tags.Tag} list.
 */
final class OnsTags {

    private OnsTags() {
    }

    /** Whether the request filters by tag; a value without its key is refused, as the SDK models require the key. */
    static boolean filtered(RpcParameters p) {
        boolean any = false;
        for (String name : p.asMap().keySet()) {
            if (name.matches("Tag\\.\\d{1,3}\\.Value") && p.optional(name.replace(".Value", ".Key")).isEmpty()) {
                throw OnsErrors.fieldInvalid(name.replace(".Value", ".Key"), "a tag value needs its key.");
            }
            any |= name.matches("Tag\\.\\d{1,3}\\.Key") && p.optional(name).isPresent();
        }
        return any;
    }
}
