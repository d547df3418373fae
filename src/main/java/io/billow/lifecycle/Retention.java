package io.billow.lifecycle;

/** How long an expired subscription instance is kept (locked) before it is released (domain.md §9). */
public final class Retention {

    private Retention() {
    }

    public static long days(String product) {
        return product.startsWith("rocketmq") ? 7 : 15;
    }
}
