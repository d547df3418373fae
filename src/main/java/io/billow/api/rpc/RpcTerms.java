package io.billow.api.rpc;

/** The RPC APIs' Period (Month or Year) × UsedTime as months; the engine then checks the term against the catalog's. */
public final class RpcTerms {

    private RpcTerms() {
    }

    public static int months(RpcParameters p) {
        String period = p.required("Period");
        int used = p.requiredInt("UsedTime");
        return switch (period) {
            case "Month" -> used;
            case "Year" -> {
                if (used < 1 || used > 3) {
                    throw new RpcFailure(RpcError.invalidParameter("UsedTime", "A term in years is 1–3, not " + used + "."));
                }
                yield used * 12;
            }
            default -> throw new RpcFailure(RpcError.invalidParameter("Period", "It must be Month or Year."));
        };
    }
}
