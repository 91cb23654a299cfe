package dev.livediffusion.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The PostgreSQL programs zonky ships for this platform (a .txz inside a Maven jar), unpacked once per archive into
 * a {@link PrivateDirectory}. zonky's own place for them is a world-writable folder under /tmp, where any local user
 * could swap the programs the app runs.
 */
final class PostgresBinaries {

    private static final Logger LOG = Logger.getLogger(PostgresBinaries.class);

    private PostgresBinaries() {
    }

    /** Returns the folder holding bin/, lib/ and share/. */
    static Path unpack(Path cacheDirectory) throws IOException {
        byte[] archive = archive();
        PrivateDirectory.require(cacheDirectory);
        Path home = cacheDirectory.resolve("postgres-" + sha256(archive).substring(0, 16));
        if (Files.isDirectory(home)) {
            return home;
        }
        LOG.infof("unpacking PostgreSQL into %s", home);
        Path unpacking = Files.createTempDirectory(cacheDirectory, "unpacking-");
        try {
            extract(archive, unpacking);
            Files.move(unpacking, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another process unpacked the same archive meanwhile
        } finally {
            deleteTree(unpacking);
        }
        return home;
    }

    private static byte[] archive() throws IOException {
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), System.getProperty("os.arch"))) {
            return in.readAllBytes();
        }
    }

    /** zonky's names for the systems its binaries are built for (laptops running the app are often Macs). */
    private static String operatingSystem() {
        return System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("the PostgreSQL archive holds a path outside its folder: " + entry.getName());
                }
                Files.createDirectories(entry.isDirectory() ? path : path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** The archive's own mode (bin/ executable), less write access for group and others. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] inBitOrder = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
        for (int i = 0; i < inBitOrder.length; i++) {
            if ((mode & 0755 & (0400 >> i)) != 0) {
                permissions.add(inBitOrder[i]);
            }
        }
        return permissions;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.notExists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
