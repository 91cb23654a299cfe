package dev.livediffusion.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Checks up front that the server can write its data directory, so that the app fails at once naming the
 * directory and the reason, rather than after PostgreSQL exits. The server runs as the directory's owner and, as
 * root, without root's power to ignore permissions: the owner's write bit decides.
 */
final class WritableDirectory {

    private WritableDirectory() {
    }

    static void require(Path directory) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("the database directory " + directory + " cannot be created: " + e, e);
        }
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
        if (Files.getFileStore(directory).isReadOnly()) {
            throw new IOException("the database directory " + directory + " is not writable: it is on a read-only file system");
        }
        if (!attributes.permissions().contains(PosixFilePermission.OWNER_WRITE) || !Files.isWritable(directory)) {
            throw new IOException("the database directory " + directory + " is not writable: its owner is "
                    + attributes.owner().getName() + " and its permissions are "
                    + PosixFilePermissions.toString(attributes.permissions()) + "; the server needs to write there as its owner");
        }
    }
}
