package io.billow.problem;

import java.util.List;

/**
 * Carries one or more problems out of a request; nothing has been changed when it is thrown.
 * The first problem is the one an Alibaba-style response names; the REST API lists all.
 */
public final class ProblemException extends RuntimeException {

    private final List<Problem> problems;

    public ProblemException(List<Problem> problems) {
        super(problems.get(0).code() + ": " + problems.get(0).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ProblemException(String code, String message) {
        this(List.of(Problem.of(code, message)));
    }

    public Problem first() {
        return problems.get(0);
    }

    public List<Problem> problems() {
        return problems;
    }
}
