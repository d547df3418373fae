package io.billow.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The step stream of a seed: the same seed always yields the same steps, whatever the server answers. */
public final class StepGenerator {

    /** Relative weights of the kinds, in {@link Step.Kind} order: clock moves and usage are the most common. */
    private static final int[] WEIGHTS = {
            3, // NEW_ACCOUNT
            8, // CREATE_PAY_AS_YOU_GO
            3, // CREATE_WAREHOUSE
            4, // CREATE_SUBSCRIPTION
            5, // SWITCH_TO_SERVERLESS
            3, // SWITCH_TO_PAY_AS_YOU_GO
            4, // MODIFY_SPEC
            3, // PAUSE
            3, // RESUME
            6, // USAGE_ON_TIME
            3, // USAGE_LATE
            2, // USAGE_DUPLICATE
            3, // TOP_UP
            2, // TOP_UP_REPEATED
            2, // RENEW
            1, // UNSUBSCRIBE
            3, // FAIL_NEXT
            12, // ADVANCE
            3, // RELEASE
            0, // KILL: placed by killEvery, not drawn
    };

    private final long seed;
    private final int killEvery;

    /** {@code killEvery}: on average one process kill in that many steps; 0 for none. */
    public StepGenerator(long seed, int killEvery) {
        this.seed = seed;
        this.killEvery = killEvery;
    }

    public List<Step> steps(int count) {
        SplittableRandom random = new SplittableRandom(seed);
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        List<Step> out = new ArrayList<>(count);
        // Every world starts with an account and something to bill, so short runs still exercise settlement.
        out.add(new Step(0, Step.Kind.NEW_ACCOUNT, random.nextInt(1 << 20), 500 + random.nextInt(5000), random.nextInt(8)));
        for (int i = 1; i < count; i++) {
            Step.Kind kind;
            if (killEvery > 0 && random.nextInt(killEvery) == 0) {
                kind = Step.Kind.KILL;
            } else {
                kind = drawn(random.nextInt(total));
            }
            out.add(new Step(i, kind, random.nextInt(1 << 20), amount(kind, random), random.nextInt(8)));
        }
        return out;
    }

    private static Step.Kind drawn(int roll) {
        Step.Kind[] kinds = Step.Kind.values();
        for (int k = 0; k < kinds.length; k++) {
            roll -= WEIGHTS[k];
            if (roll < 0) {
                return kinds[k];
            }
        }
        throw new IllegalStateException("weights do not cover the roll");
    }

    /** The step's figure: seconds for clock moves and kills, money for balances, RCU halves for usage. */
    private static long amount(Step.Kind kind, SplittableRandom random) {
        return switch (kind) {
            case NEW_ACCOUNT -> 50 + random.nextInt(5000);
            case TOP_UP, TOP_UP_REPEATED -> 1 + random.nextInt(2000);
            case ADVANCE -> random.nextInt(4) == 0 ? 3600 + random.nextInt(5 * 3600) : 30 + random.nextInt(1800);
            case KILL -> 1800 + random.nextInt(3 * 3600);
            case USAGE_ON_TIME, USAGE_LATE, USAGE_DUPLICATE -> 1 + random.nextInt(16);
            case CREATE_SUBSCRIPTION, RENEW -> 1 + random.nextInt(3);
            default -> random.nextInt(1000);
        };
    }
}
