package dev.livediffusion.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Held by the app whose server runs on a data directory, so that a second app refuses it instead of sharing it.
 * The lock file is the one zonky used, so an app of an earlier version is recognised too.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String FILE = "epg-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
        FileChannel channel = FileChannel.open(dataDirectory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the database directory " + dataDirectory
                    + " is in use by another running instance of the app");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
