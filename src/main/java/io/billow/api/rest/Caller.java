package io.billow.api.rest;

import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

/** Who is calling: the operator, or a tenant account. */
public record Caller(boolean operator, String accountId) {

    public static Caller asOperator() {
        return new Caller(true, null);
    }

    public static Caller ofAccount(String accountId) {
        return new Caller(false, accountId);
    }

    public void requireOperator() {
        if (!operator) {
            throw new ProblemException(Codes.FORBIDDEN, "this call needs the operator key");
        }
    }

    /**
     * The account a call acts on: the caller's own, or for the operator the one named in the
     * request. A tenant naming another account is treated as naming its own scope (null for
     * the operator means "all accounts").
     */
    public String scope(String requestedAccountId) {
        return operator ? requestedAccountId : accountId;
    }

    /** The account a tenant-only action applies to. */
    public String requireAccount(String requestedAccountId) {
        String id = scope(requestedAccountId);
        if (id == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "accountId is required when calling with the operator key");
        }
        return id;
    }
}
