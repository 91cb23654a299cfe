package dev.livediffusion.database;

import org.newsclub.net.unix.AFUNIXSocketFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the embedded server keeps its data and its unpacked programs, and whether it also listens on TCP
 * (127.0.0.1 only, {@code app.database.tcp-port}); the app itself always connects through the Unix socket.
 */
record EmbeddedPostgresSettings(Path dataDirectory, Path binariesDirectory, OptionalInt tcpPort) {

    /** Names the socket when no TCP port is asked for: the socket is private, so any number does. */
    private static final int SOCKET_PORT = 5432;
    /** sun_path holds 108 bytes, the terminating zero included. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    EmbeddedPostgresSettings {
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        binariesDirectory = binariesDirectory.toAbsolutePath().normalize();
        int length = (dataDirectory + "/.s.PGSQL." + tcpPort.orElse(SOCKET_PORT)).getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("the database directory " + dataDirectory + " has too long a path for"
                    + " PostgreSQL's socket inside it (" + length + " bytes of at most " + MAX_SOCKET_PATH_BYTES
                    + "): choose a shorter app.database.data-dir");
        }
    }

    /** Without a binaries directory, the programs are unpacked next to the data directory, in {@code postgres-binaries}. */
    static EmbeddedPostgresSettings of(Path dataDirectory, Optional<Path> binariesDirectory, OptionalInt tcpPort) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        return new EmbeddedPostgresSettings(data, binariesDirectory.orElse(data.resolveSibling("postgres-binaries")), tcpPort);
    }

    int port() {
        return tcpPort.orElse(SOCKET_PORT);
    }

    Path socket() {
        return dataDirectory.resolve(".s.PGSQL." + port());
    }

    /** pgJDBC over the Unix socket (junixsocket); the host name is required by the URL syntax and otherwise unused. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost/" + database + "?socketFactory=" + AFUNIXSocketFactory.FactoryArg.class.getName()
                + "&socketFactoryArg=" + URLEncoder.encode(socket().toString(), StandardCharsets.UTF_8);
    }
}
