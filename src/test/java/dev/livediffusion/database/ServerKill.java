package dev.livediffusion.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Kills the server running on a data directory as a crash would: SIGKILL to the postmaster and all its children. */
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

    private static long postmasterPid(Path dataDirectory) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
    }
}
