package io.billow.store;

import io.billow.store.DatabaseStartException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock a running Billow holds on its data directory ({@code billow.lock}). It is
 * what tells a stale postmaster (its Billow died) from a live one (another Billow is using it):
 * the operating system drops the lock when the holder dies, however it dies.
 *
 * <p>The file holds the holder's pid, only so that a refusal can name it.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "billow.lock";

    /**
     * Lock files held by this JVM. A second attempt in the same JVM must not even open the file:
     * closing any channel on a file drops all of this process's POSIX locks on it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dataDir}, or refuses naming the Billow that holds it. */
    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Path key;
        try {
            Files.createDirectories(dataDir);
            key = dataDir.toRealPath().resolve(FILE_NAME);
        } catch (IOException e) {
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (!HELD_HERE.add(key)) {
            throw inUse(dataDir, "this Billow process (pid " + ProcessHandle.current().pid() + ")");
        }
        try {
            FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw inUse(dataDir, "another Billow (" + holder + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataDirectoryLock(key, channel, lock);
        } catch (IOException e) {
            HELD_HERE.remove(key);
            throw new DatabaseStartException(Reason.START_FAILED,
                    "cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "pid unknown" : text;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    private static DatabaseStartException inUse(Path dataDir, String holder) {
        return new DatabaseStartException(Reason.DATA_DIRECTORY_IN_USE,
                "data directory " + dataDir + " is in use by " + holder
                        + "; stop that Billow first, or give this one another data directory");
    }

    /** Releases the lock; the file stays (deleting it would race with a Billow about to lock it). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel drops the lock whatever happened; nothing left to do.
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
