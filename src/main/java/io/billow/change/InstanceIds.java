package io.billow.change;

import java.security.SecureRandom;

/** Instance ids shaped like the cloud's own (pgm-…, gp-…, pc-…), random so they reveal nothing. */
public final class InstanceIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InstanceIds() {
    }

    public static String next(String product) {
        String prefix = product.startsWith("rds") ? "pgm-" : product.startsWith("analyticdb") ? "gp-"
                : product.startsWith("polardb") ? "pc-" : product.startsWith("rocketmq") ? "rmq-" : "ins-";
        StringBuilder sb = new StringBuilder(prefix).append("bp1");
        for (int i = 0; i < 17; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
