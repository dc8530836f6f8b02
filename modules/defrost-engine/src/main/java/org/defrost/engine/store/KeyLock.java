package org.defrost.engine.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.defrost.spi.Cancellation;

/**
 * The right to compute one artifact key, so that two computations of the same key, in this process or in
 * another one sharing the workspace, do not run at once: the second waits and then finds the first's
 * artifact in the store. Held through an in-process lock per lock file (file locks belong to the whole JVM)
 * and an exclusive OS lock on {@code locks/<key>.lock}, which the OS releases when the process dies.
 * The lock is advisory: on file systems without working locks (some NFS setups) two processes may compute
 * the same key, and the second commit is then a cache hit. Lock files are empty and stay; {@code defrost gc}
 * removes those of removed artifacts.
 */
public final class KeyLock implements AutoCloseable {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;
    private final Path path;
    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock file;

    private KeyLock(Path path, ReentrantLock local, FileChannel channel, FileLock file) {
        this.path = path;
        this.local = local;
        this.channel = channel;
        this.file = file;
    }

    /**
     * Waits until this thread holds the lock of {@code lockFile}, polling {@code cancellation}.
     *
     * @throws CancellationException when {@code cancellation} fires while waiting
     */
    static KeyLock acquire(Path lockFile, Cancellation cancellation) throws IOException, InterruptedException {
        Path path = lockFile.toAbsolutePath().normalize();
        ReentrantLock local;
        while (true) {
            local = IN_PROCESS.computeIfAbsent(path, p -> new ReentrantLock());
            while (!local.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                cancellation.throwIfCancelled();
            }
            if (IN_PROCESS.get(path) == local) {
                break;
            }
            local.unlock(); // released and forgotten meanwhile (see close): take the current one
        }
        if (local.getHoldCount() > 1) {
            return new KeyLock(path, local, null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                cancellation.throwIfCancelled();
                Thread.sleep(POLL_MILLIS);
            }
            return new KeyLock(path, local, channel, lock);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            forgetIfIdle(path, local);
            local.unlock();
            throw e;
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                file.release();
                channel.close();
                forgetIfIdle(path, local);
            }
        } finally {
            local.unlock();
        }
    }

    /** Drops the in-process lock of a key nobody waits for, so that a long-running service does not collect them. */
    private static void forgetIfIdle(Path path, ReentrantLock local) {
        if (!local.hasQueuedThreads()) {
            IN_PROCESS.remove(path, local);
        }
    }

    /** How many keys have an in-process lock now (held or waited for). */
    static int tracked() {
        return IN_PROCESS.size();
    }
}
