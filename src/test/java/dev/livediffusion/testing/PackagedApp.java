package dev.livediffusion.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The packaged app ({@code target/quarkus-app}) in its own process, as users run it: for measuring, and as a second instance. */
public final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final Path database;
    public final URI base;

    private PackagedApp(Process process, Path database, URI base) {
        this.process = process;
        this.database = database;
        this.base = base;
    }

    public static PackagedApp start(Map<String, String> properties) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        // a throwaway embedded database: measuring must not touch the data of an app run from this folder
        Path database = Files.createTempDirectory("benchmark-postgres");
        command.add("-Dapp.database.data-dir=" + database);
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Files.createTempFile("packaged-app", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedApp app = new PackagedApp(process, database, URI.create("http://localhost:" + port + "/"));
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app stopped: " + Files.readString(log));
            }
            try {
                if (client.send(HttpRequest.newBuilder(app.base.resolve("status")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return app;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        app.close();
        throw new IllegalStateException("the app did not start in two minutes: " + Files.readString(log));
    }

    /** Peak resident memory of the app's process so far (VmHWM), in MiB. */
    public long peakResidentMiB() throws IOException {
        return processStatusMiB("VmHWM:");
    }

    /** Resident memory of the app's process now (VmRSS: native engine memory included), in MiB. */
    public long residentMiB() throws IOException {
        return processStatusMiB("VmRSS:");
    }

    private long processStatusMiB(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        try (Stream<Path> files = Files.walk(database)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
