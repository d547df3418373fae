package io.billow.change;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instance ids shaped like the cloud's own, by the product's catalog format
 * ({@code pgm-bp1{lower:17}}, {@code MQ_INST_{digits:16}_{alnum:8}}), random so they reveal nothing.
 */
public final class InstanceIds {

    private static final Pattern RUN = Pattern.compile("\\{(lower|digits|alnum):([0-9]+)}");
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InstanceIds() {
    }

    public static String next(String format) {
        StringBuilder sb = new StringBuilder();
        Matcher m = RUN.matcher(format);
        int literal = 0;
        while (m.find()) {
            sb.append(format, literal, m.start());
            String alphabet = switch (m.group(1)) {
                case "lower" -> LOWER;
                case "digits" -> DIGITS;
                default -> ALNUM;
            };
            for (int i = Integer.parseInt(m.group(2)); i > 0; i--) {
                sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            literal = m.end();
        }
        return sb.append(format.substring(literal)).toString();
    }
}
