package io.billow.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an external PostgreSQL is ({@code --db-url}), as a JDBC URL plus the user and password
 * if the URL carried them in its user-info part. Accepts the JDBC form
 * ({@code jdbc:postgresql://host:5432/billow?user=u&password=p}) and the libpq form
 * ({@code postgresql://u:p@host:5432/billow}, or {@code postgres://}). PgJDBC does not read
 * user-info, so it is taken out here; {@code user=} and {@code password=} parameters stay in the
 * URL, where PgJDBC reads them.
 *
 * <p>A URL may name several servers ({@code jdbc:postgresql://h1:5432,h2:5432/billow}), a primary
 * and its standbys: Billow writes, so it must always reach the primary, and such a URL gets
 * {@code targetServerType=primary} (PgJDBC then tries the hosts in turn and keeps the one that
 * accepts writes) and {@code hostRecheckSeconds=2} (how long PgJDBC trusts what it learnt of a
 * host: after a failover the standby just promoted is tried again within two seconds, not ten),
 * unless the URL sets them itself.
 *
 * <p>{@link #toString()} never shows a password: URLs end up in logs and error messages.
 */
public final class DatabaseUrl {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");
    /** What a URL naming several servers gets unless it says otherwise (see the class comment). */
    private static final List<String> SEVERAL_HOSTS_DEFAULTS = List.of("targetServerType=primary", "hostRecheckSeconds=2");

    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;

    private DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Parses {@code --db-url}; throws with an example of each accepted form if it is neither. */
    public static DatabaseUrl parse(String text) {
        Objects.requireNonNull(text, "text");
        String url = text.strip();
        String rest;
        if (url.startsWith(JDBC_PREFIX + "//")) {
            rest = url.substring(JDBC_PREFIX.length() + 2);
        } else if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("--db-url must be a PostgreSQL URL such as"
                    + " jdbc:postgresql://host:5432/billow?user=billow&password=secret"
                    + " or postgresql://billow:secret@host:5432/billow, got " + redact(url));
        }
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return new DatabaseUrl(JDBC_PREFIX + "//" + primaryOnly(rest), Optional.empty(), Optional.empty());
        }
        String userInfo = authority.substring(0, at);
        String hostAndPath = rest.substring(at + 1);
        if (hostAndPath.isEmpty() || hostAndPath.startsWith("/") || hostAndPath.startsWith("?")) {
            throw new IllegalArgumentException("--db-url has no host after '@': " + redact(url));
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        return new DatabaseUrl(JDBC_PREFIX + "//" + primaryOnly(hostAndPath),
                user.isEmpty() ? Optional.empty() : Optional.of(user), password);
    }

    /** {@code hostAndPath} with {@link #SEVERAL_HOSTS_DEFAULTS} added when it names several hosts and lacks them. */
    private static String primaryOnly(String hostAndPath) {
        int queryStart = hostAndPath.indexOf('?');
        String hosts = hostAndPath.substring(0, indexOfAny(hostAndPath, "/?"));
        if (!hosts.contains(",")) {
            return hostAndPath;
        }
        String query = queryStart < 0 ? "" : hostAndPath.substring(queryStart + 1);
        StringBuilder url = new StringBuilder(hostAndPath);
        for (String setting : SEVERAL_HOSTS_DEFAULTS) {
            // Case-sensitive, as PgJDBC reads its parameters.
            String name = setting.substring(0, setting.indexOf('=') + 1);
            boolean given = Arrays.stream(query.split("&")).anyMatch(p -> p.startsWith(name));
            if (!given) {
                char last = url.charAt(url.length() - 1);
                url.append(url.indexOf("?") < 0 ? "?" : last == '?' || last == '&' ? "" : "&").append(setting);
            }
        }
        return url.toString();
    }

    /** The URL to give PgJDBC: no user-info, but any {@code user=}/{@code password=} parameters. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user from the URL's user-info, if it had one. */
    public Optional<String> user() {
        return user;
    }

    /** The password from the URL's user-info, if it had one. */
    public Optional<String> password() {
        return password;
    }

    /** The JDBC URL with any password parameter masked; safe to log. */
    @Override
    public String toString() {
        return user.map(name -> name + "@").orElse("") + redact(jdbcUrl);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseUrl that
                && jdbcUrl.equals(that.jdbcUrl) && user.equals(that.user) && password.equals(that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, user, password);
    }

    /** Masks passwords in both places a URL can carry one. */
    static String redact(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        int scheme = masked.indexOf("://");
        if (scheme < 0) {
            return masked;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = authorityStart + indexOfAny(masked.substring(authorityStart), "/?");
        int at = masked.lastIndexOf('@', authorityEnd - 1);
        int colon = masked.indexOf(':', authorityStart);
        if (at >= authorityStart && colon >= 0 && colon < at) {
            masked = masked.substring(0, colon + 1) + "***" + masked.substring(at);
        }
        return masked;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String decode(String part) {
        // Percent-decoding only: '+' is a literal plus in user-info, not a space.
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
