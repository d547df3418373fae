package io.billow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the PostgreSQL processes of this machine, so a
 * benchmark can say where its time went (on two cores, wall time hides which side was busy).
 * PostgreSQL's share is read from Linux's /proc; elsewhere, or for an external server, it is unknown.
 */
final class CpuClock {

    /** Linux reports process times in clock ticks of 1/100 s. */
    private static final double TICK_SECONDS = 0.01;

    record Reading(double jvmSeconds, double postgresSeconds) {

        Reading minus(Reading earlier) {
            return new Reading(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }

        String describe() {
            return String.format("CPU: Billow %.1f s, PostgreSQL %s", jvmSeconds,
                    Double.isNaN(postgresSeconds) ? "unknown" : String.format("%.1f s", postgresSeconds));
        }
    }

    private CpuClock() {
    }

    static Reading now() {
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
        return new Reading(jvm, postgresSeconds());
    }

    /** utime + stime of every live process named postgres (a backend that ended meanwhile is not counted). */
    private static double postgresSeconds() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return Double.NaN;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    ticks += postgresTicks(p.resolve("stat"));
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks * TICK_SECONDS;
    }

    private static long postgresTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < 0 || !line.substring(open + 1, close).equals("postgres")) {
                return 0;
            }
            // after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15
            String[] fields = line.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0; // the process ended while being read
        }
    }
}
