package io.billow.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code postmaster.pid} in a data directory says: which process claims to serve it. The
 * file survives a server that was killed, so the pid may be dead or reused.
 */
public record PostmasterPid(long pid) {

    static final String FILE_NAME = "postmaster.pid";

    /** Reads the file; empty if there is none or it is being written (its first line is the pid). */
    static Optional<PostmasterPid> read(Path pgDir) {
        try {
            List<String> lines = Files.readAllLines(pgDir.resolve(FILE_NAME));
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).trim())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The live postgres process with this pid serving {@code pgDir}, if there is one. A pid that
     * was reused by another program, or by a postgres of another directory, is not ours to stop.
     */
    Optional<ProcessHandle> liveProcess(Path pgDir) {
        return ProcessHandle.of(pid)
                .filter(PostmasterPid::isRunning)
                .filter(process -> isPostgresOf(process.info(), pgDir));
    }

    /** The process with this pid if it has exited but is still a zombie, waiting for its parent to reap it. */
    Optional<ProcessHandle> unreaped() {
        return ProcessHandle.of(pid).filter(process -> process.isAlive() && !isRunning(process));
    }

    /** Unknown command or arguments (not ours to inspect) count as a match: postgres will refuse to start anyway. */
    private static boolean isPostgresOf(ProcessHandle.Info info, Path pgDir) {
        boolean postgres = info.command().map(command -> command.endsWith("/postgres")).orElse(true);
        boolean servesDir = info.arguments().map(arguments -> List.of(arguments).contains(pgDir.toString())).orElse(true);
        return postgres && servesDir;
    }

    /**
     * Alive and not a zombie. A stopped postmaster was orphaned to pid 1, which may take a second
     * to reap it; until then {@link ProcessHandle#isAlive()} still says true.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The state follows the command name, which is in parentheses and may contain spaces.
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }
}
