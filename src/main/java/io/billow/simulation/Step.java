package io.billow.simulation;

/**
 * One step of a simulation: what to do and the random figures it uses. A step names its target
 * by a number ({@code pick}) that the driver maps onto whatever exists when it runs, so that the
 * stream itself depends on the seed alone and never on the server's answers.
 */
public record Step(int index, Kind kind, int pick, long amount, int variant) {

    /** What a step does. */
    public enum Kind {
        NEW_ACCOUNT, CREATE_PAY_AS_YOU_GO, CREATE_WAREHOUSE, CREATE_SUBSCRIPTION, SWITCH_TO_SERVERLESS, SWITCH_TO_PAY_AS_YOU_GO,
        MODIFY_SPEC, PAUSE, RESUME, USAGE_ON_TIME, USAGE_LATE, USAGE_DUPLICATE, TOP_UP, TOP_UP_REPEATED, RENEW, UNSUBSCRIBE,
        FAIL_NEXT, ADVANCE, RELEASE, KILL
    }

    @Override
    public String toString() {
        return "#" + index + " " + kind + "(pick " + pick + ", amount " + amount + ", variant " + variant + ")";
    }
}
