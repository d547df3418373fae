package io.billow.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a webhook may post. Billow signs what it sends, so a URL on this machine or its private
 * network would let any account make Billow post to services that trust their neighbours (a
 * metadata endpoint, an admin port): server-side request forgery. Only public addresses are
 * accepted, at registration and again before each delivery, after resolving the name (it may
 * have changed since). An operator testing locally starts Billow with local webhooks allowed.
 *
 * <p>What is left: a name that resolves to a public address when checked and to a private one a
 * moment later, when the client connects. Java 17 offers no hook to connect to the address that
 * was checked while keeping the name for TLS.
 */
public final class WebhookDestinations {

    /** How names are resolved: the system resolver, or a fixed table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLocal;
    private final Resolver resolver;

    private WebhookDestinations(boolean allowLocal, Resolver resolver) {
        this.allowLocal = allowLocal;
        this.resolver = resolver;
    }

    public static WebhookDestinations publicOnly() {
        return new WebhookDestinations(false, InetAddress::getAllByName);
    }

    /** For local testing only: loopback and private receivers are accepted. */
    public static WebhookDestinations allowingLocal() {
        return new WebhookDestinations(true, InetAddress::getAllByName);
    }

    WebhookDestinations withResolver(Resolver resolver) {
        return new WebhookDestinations(allowLocal, resolver);
    }

    /** Why Billow must not post to {@code url}'s host, if it must not. */
    public Optional<String> refusal(URI url) {
        if (allowLocal) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("the host " + host + " does not resolve, so its address cannot be checked");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = localKind(address);
            if (kind.isPresent()) {
                return Optional.of("the host " + host + " resolves to " + address.getHostAddress() + ", " + kind.get()
                        + "; webhooks go to public addresses only (start Billow with --allow-local-webhooks to test locally)");
            }
        }
        return Optional.empty();
    }

    /** What kind of non-public address this is, if it is one. */
    static Optional<String> localKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address instanceof Inet4Address v4) {
            return reservedV4(v4.getAddress());
        }
        return reservedV6((Inet6Address) address);
    }

    /** IPv4 ranges Java does not name: this network, shared (CGNAT), IETF, benchmarking, reserved, broadcast. */
    private static Optional<String> reservedV4(byte[] a) {
        int first = a[0] & 0xFF;
        int second = a[1] & 0xFF;
        boolean reserved = first == 0
                || (first == 100 && second >= 64 && second <= 127)
                || (first == 192 && second == 0 && (a[2] & 0xFF) == 0)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
        return reserved ? Optional.of("a reserved address") : Optional.empty();
    }

    /** IPv6 unique-local addresses, and IPv4 addresses carried inside IPv6 ones (mapped, compatible, NAT64, 6to4). */
    private static Optional<String> reservedV6(Inet6Address address) {
        byte[] a = address.getAddress();
        if ((a[0] & 0xFE) == 0xFC) {
            return Optional.of("a unique-local address");
        }
        boolean firstTwelveZero = true;
        for (int i = 0; i < 10; i++) {
            firstTwelveZero &= a[i] == 0;
        }
        boolean mapped = firstTwelveZero && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
        boolean compatible = firstTwelveZero && a[10] == 0 && a[11] == 0;
        boolean nat64 = (a[0] & 0xFF) == 0x00 && (a[1] & 0xFF) == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B;
        if (mapped || compatible || nat64) {
            return localKind(v4(a[12], a[13], a[14], a[15]));
        }
        if ((a[0] & 0xFF) == 0x20 && (a[1] & 0xFF) == 0x02) {
            return localKind(v4(a[2], a[3], a[4], a[5]));
        }
        return Optional.empty();
    }

    private static InetAddress v4(byte b0, byte b1, byte b2, byte b3) {
        try {
            return InetAddress.getByAddress(new byte[] {b0, b1, b2, b3});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
