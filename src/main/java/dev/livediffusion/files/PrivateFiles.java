package dev.livediffusion.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a secret (a password file, a key) readable by its owner only, 0600 from its first byte: writing first and
 * restricting afterwards would leave a moment in which others may read it. Whole or not at all, and durably.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    public static void write(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = createOwnerOnly(directory, file.getFileName() + ".");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
            parent.force(true);
        } catch (IOException e) {
            // a file system whose folders cannot be opened (Windows): the move itself is what can be made durable
        }
    }

    private static Path createOwnerOnly(Path directory, String prefix) throws IOException {
        try {
            return Files.createTempFile(directory, prefix, ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, prefix, ".new");   // not POSIX: the folder's own permissions apply
        }
    }
}
