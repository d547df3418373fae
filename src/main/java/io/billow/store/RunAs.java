package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How PostgreSQL programs are run: directly, or, when Billow runs as root, inside a user
 * namespace where Billow appears as an ordinary user. PostgreSQL refuses to run as root (a
 * compromised server must not own the machine); the namespace gives it a non-root uid while
 * every file it writes is still owned by Billow's own user outside, so the data directory stays
 * usable across restarts and by Billow itself.
 */
final class RunAs {

    /**
     * The uid and gid PostgreSQL sees inside the namespace. Any non-zero id works: the namespace
     * maps only this one id, onto Billow's real user.
     */
    static final int NAMESPACE_ID = 1000;

    private static final RunAs DIRECT = new RunAs(List.of());
    private static volatile RunAs detected;

    private final List<String> prefix;

    private RunAs(List<String> prefix) {
        this.prefix = prefix;
    }

    /**
     * Decides once per JVM. Throws {@link Reason#ROOT_WITHOUT_USER_NAMESPACE} when running as
     * root on a machine (often a container) that does not allow user namespaces.
     */
    static RunAs detect() {
        RunAs result = detected;
        if (result == null) {
            result = isRoot() ? inUserNamespace("unshare") : DIRECT;
            detected = result;
        }
        return result;
    }

    /** The command to execute for {@code command}, wrapped in {@code unshare} if needed. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(command);
        return wrapped;
    }

    boolean usesUserNamespace() {
        return !prefix.isEmpty();
    }

    /** Run through {@code unshareProgram}, if a probe shows it works here. */
    static RunAs inUserNamespace(String unshareProgram) {
        List<String> prefix = List.of(unshareProgram, "--user",
                "--map-user=" + NAMESPACE_ID, "--map-group=" + NAMESPACE_ID, "--");
        List<String> probe = new ArrayList<>(prefix);
        probe.add("true");
        String failure = probeFailure(probe);
        if (failure != null) {
            throw new DatabaseStartException(Reason.ROOT_WITHOUT_USER_NAMESPACE,
                    "Billow is running as root and PostgreSQL refuses to run as root; Billow runs it as an"
                            + " ordinary user inside a user namespace, but `unshare --user` failed here ("
                            + failure + "). Run Billow as a non-root user, or use --db-url to point at an"
                            + " external PostgreSQL.");
        }
        return new RunAs(prefix);
    }

    /** Runs the probe; returns null if it worked, else what went wrong. */
    private static String probeFailure(List<String> probe) {
        try {
            Process process = new ProcessBuilder(probe)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            // The output is a line or two at most; read it before waiting so the pipe never fills.
            byte[] output = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "it did not finish within 10 seconds";
            }
            if (process.exitValue() != 0) {
                String text = new String(output, StandardCharsets.UTF_8).strip();
                return "exit status " + process.exitValue() + (text.isEmpty() ? "" : ": " + text);
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Reads the effective uid from /proc: the JDK has no portable way to ask. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException e) {
            // No /proc: fall through to the name, which is right on every ordinary system.
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
