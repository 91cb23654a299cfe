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

    private final Deque<String> lastLines = new ArrayDeque<>();

    private ServerOutput() {
    }

    static ServerOutput follow(Process process) {
        ServerOutput output = new ServerOutput();
        Thread reader = new Thread(() -> output.read(process), "postgres-log-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    synchronized String lastLines() {
        return String.join("\n", lastLines);
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
