package io.billow.api.rest;

import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.time.Instants;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters, checked: a bad value is a clear 400, never a 500. */
final class Params {

    private Params() {
    }

    static int integer(Context ctx, String name, int defaultValue, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ProblemException(Codes.INVALID_PARAMETER, name + " must be an integer within " + min + ".." + max + ", got " + v);
        }
    }

    static Instant instant(Context ctx, String name, Instant defaultValue) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Instants.parse(v);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Codes.INVALID_PARAMETER, name + " must be an ISO-8601 instant within " + Instants.RANGE + ", got " + v);
        }
    }
}
