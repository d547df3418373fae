package io.billow.product.polardb;

import io.billow.api.rpc.RpcAction;
import io.billow.eligibility.Bounds;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.subscription.SpecChanges;

import java.util.Map;

/**
 * The engine's refusals in the PolarDB API's words (alibaba-apis.md §5.3): a cluster, not an
 * instance, is not found or in the wrong state; a node class or node count is refused as such.
 * Messages are the engine's, which name the figures.
 */
final class PolarErrors {

    static final String CLUSTER_NOT_FOUND = "InvalidDBClusterId.NotFound";
    static final String INCORRECT_STATE = "IncorrectDBClusterState";
    static final String NODE_CLASS_NOT_FOUND = "InvalidDBNodeClass.NotFound";
    static final String NODE_NUM = "InvalidDBNodeNum.Malformed";
    static final String STORAGE = "InvalidStorageSpace.Malformed";
    static final String NODE_NOT_FOUND = "InvalidDBNodeId.NotFound";
    /** ModifyDBNodeClass's ModifyType says the other direction from what the target class is. */
    static final String MODIFY_TYPE = "InvalidModifyType.Mismatch";

    private static final Map<String, String> RENAMED = Map.of(
            Codes.INSTANCE_NOT_FOUND, CLUSTER_NOT_FOUND,
            Codes.INCORRECT_STATE, INCORRECT_STATE,
            "InvalidDBInstanceClass.NotFound", NODE_CLASS_NOT_FOUND,
            SpecChanges.NODE_COUNT, NODE_NUM,
            Bounds.INVALID_STORAGE, STORAGE);

    private PolarErrors() {
    }

    /** The action, its engine refusals renamed. */
    static RpcAction translated(RpcAction action) {
        return call -> {
            try {
                return action.handle(call);
            } catch (ProblemException e) {
                throw new ProblemException(e.problems().stream()
                        .map(p -> Problem.of(RENAMED.getOrDefault(p.code(), p.code()), message(p))).toList());
            }
        };
    }

    private static String message(Problem p) {
        return p.code().equals(Codes.INSTANCE_NOT_FOUND) ? p.message().replace("instance", "cluster")
                + " The DBClusterId provided does not exist in our records." : p.message();
    }
}
