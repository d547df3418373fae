package io.billow.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Directory trees Billow creates and removes itself: unpacked binaries, the demo's and the benchmark's databases. */
public final class ThrowAwayDirectory {

    private ThrowAwayDirectory() {
    }

    /** Removes {@code root} and everything under it, without following links out of it. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    /** The same, saying on {@code err} what could not be removed instead of failing: for cleanup after the work is done. */
    public static void deleteQuietly(Path root, String what, PrintStream err) {
        try {
            delete(root);
        } catch (IOException | RuntimeException e) {
            err.println("could not remove " + what + " " + root + ": " + e.getMessage());
        }
    }
}
