package io.billow.console;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, from the jar: its own under {@code console/}, and an allow-list of the
 * WebJars it uses. Nothing is fetched from another host, and the policy header says so to the browser.
 */
final class Assets {

    /** Scripts and styles from this origin only; inline styles for the chart and API libraries. */
    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final Pattern OWN_FILE = Pattern.compile("[a-z0-9-]{1,40}\\.(html|js|css|svg)");
    private static final Map<String, String> VENDOR = Map.of(
            "uplot.js", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "uplot.css", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css",
            "swagger-ui.js", "META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js",
            "swagger-ui.css", "META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** One of the console's own files, or false if there is no such file. */
    boolean own(Context ctx, String name) {
        return OWN_FILE.matcher(name).matches() && send(ctx, "console/" + name, name);
    }

    boolean vendor(Context ctx, String name) {
        String path = VENDOR.get(name);
        return path != null && send(ctx, path, name);
    }

    private boolean send(Context ctx, String classpath, String name) {
        Optional<byte[]> bytes = load(classpath);
        if (bytes.isEmpty()) {
            return false;
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        ctx.status(200).contentType(TYPES.get(ext)).header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").result(bytes.get());
        return true;
    }

    private Optional<byte[]> load(String classpath) {
        byte[] cached = cache.get(classpath);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(classpath)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] b = in.readAllBytes();
            cache.put(classpath, b);
            return Optional.of(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
