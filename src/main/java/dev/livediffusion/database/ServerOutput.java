package dev.livediffusion.database;

import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** The server's log (its stderr) passed on to the app's log; the last lines are kept to explain a failed start. */
final class ServerOutput {

    private static final Logger LOG = Logger.getLogger("postgres");
    private static final int KEPT_LINES = 20;

    private static final long FINAL_LINES_WAIT_MS = 1000;

    private final Deque<String> lastLines = new ArrayDeque<>();
    private Thread reader;

    private ServerOutput() {
    }

    static ServerOutput follow(Process process) {
        ServerOutput output = new ServerOutput();
        output.reader = new Thread(() -> output.read(process), "postgres-log-" + process.pid());
        output.reader.setDaemon(true);
        output.reader.start();
        return output;
    }

    /** The last lines, once those the server wrote before it exited have been read (waiting a second at most). */
    String lastLines() {
        try {
            reader.join(FINAL_LINES_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return String.join("\n", lastLines);
        }
    }

    private void read(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                LOG.info(line);
                keep(line);
            }
        } catch (IOException e) {
            LOG.debugf("stopped reading the server's log: %s", e.getMessage());
        }
    }

    private synchronized void keep(String line) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
    }
}
