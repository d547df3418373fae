package io.billow.api.rest;

import io.billow.problem.Codes;

/** The one place where problem codes become HTTP statuses. */
public final class Statuses {

    private Statuses() {
    }

    public static int of(String code) {
        if (code.endsWith(".NotFound") || code.equals(Codes.NOT_FOUND) || code.equals(Codes.ACCOUNT_NOT_FOUND)
                || code.equals("InvalidAction.NotFound")) {
            return 404;
        }
        if (code.equals(Codes.UNAUTHORIZED)) {
            return 401;
        }
        if (code.startsWith("Forbidden") || code.equals("OperationDenied.OrderUnPaid") || code.startsWith("InsufficientResource")) {
            return 403;
        }
        if (code.equals("IdempotentParameterMismatch") || code.equals("ConcurrentModification")
                || code.equals(Codes.BEFORE_SETTLED_HOURS)) {
            return 409;
        }
        if (code.equals(Codes.REQUEST_TOO_LARGE)) {
            return 413;
        }
        if (code.equals(Codes.URI_TOO_LONG)) {
            return 414;
        }
        if (code.equals(Codes.HEADERS_TOO_LARGE)) {
            return 431;
        }
        if (code.equals(Codes.REQUEST_TIMEOUT)) {
            return 408;
        }
        if (code.equals(Codes.HTTP_VERSION)) {
            return 505;
        }
        if (code.equals(Codes.METHOD_NOT_ALLOWED)) {
            return 405;
        }
        if (code.startsWith("Throttling")) {
            return 429;
        }
        if (code.equals(Codes.PROVISIONING_FAILED) || code.equals(Codes.SERVICE_UNAVAILABLE)) {
            return 503;
        }
        if (code.equals(Codes.INTERNAL_ERROR)) {
            return 500;
        }
        return 400;
    }
}
