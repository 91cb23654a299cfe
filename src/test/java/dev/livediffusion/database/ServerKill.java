package dev.livediffusion.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills the server running on a data directory as a crash would (SIGKILL to the postmaster and all its children), or
 * freezes it as a hung machine would (SIGSTOP, undone by SIGCONT).
 */
public final class ServerKill {

    private ServerKill() {
    }

    /** Returns once the postmaster is gone. */
    public static void kill(Path dataDirectory) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDirectory)).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().get(10, TimeUnit.SECONDS);
    }

    /** Stops the postmaster and its children until the returned handle is closed. */
    public static AutoCloseable freeze(Path dataDirectory) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDirectory)).orElseThrow();
        List<String> pids = java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                .map(process -> Long.toString(process.pid())).toList();
        signal("STOP", pids);
        return () -> signal("CONT", pids);
    }

    private static void signal(String name, List<String> pids) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + name));
        command.addAll(pids);
        if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed for " + pids);
        }
    }

    private static long postmasterPid(Path dataDirectory) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
    }
}
