package dev.livediffusion.database;

import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the PostgreSQL programs. PostgreSQL refuses to run as root, so as root they run in a user namespace of their
 * own (unshare -U, as zonky does), where they own the files that root owns outside but have no root powers.
 */
final class PostgresCommands {

    /** util-linux's; macOS has none, and there the server shares the app's session. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path home;

    PostgresCommands(Path home) {
        this.home = home;
    }

    /** Creates a cluster with the superuser "postgres" and trust logins, which {@link AccessLockdown} replaces before it starts. */
    void initdb(Path dataDirectory) throws IOException {
        run("initdb", "-D", dataDirectory.toString(), "-U", "postgres", "-E", "UTF-8", "-A", "trust", "--no-instructions");
    }

    /** Fast shutdown: open sessions are ended, a checkpoint is written, the next start needs no recovery. */
    void stopServer(Path dataDirectory) throws IOException {
        run("pg_ctl", "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60");
    }

    /**
     * Starts the server in a session of its own (setsid), so that a Ctrl-C meant for the app's terminal does not
     * reach it: the app stops it itself. The returned process is the postmaster (setsid and unshare exec in place).
     */
    Process startServer(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of());
        command.addAll(command("postgres", arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private void run(String program, String... arguments) throws IOException {
        Process process = new ProcessBuilder(command(program, List.of(arguments))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(program + " failed (exit code " + process.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + program + " ran", e);
        }
    }

    private List<String> command(String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(home.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        return command;
    }
}
