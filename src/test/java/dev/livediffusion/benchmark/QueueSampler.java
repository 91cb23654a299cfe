package dev.livediffusion.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the app's own load gauges from {@code /q/metrics} while clients type: {@code live_queue} (sessions
 * waiting for the engine) and {@code live_sessions_pending} (sessions holding a prompt not yet started). The
 * halves of the run are compared, so a queue that keeps growing shows as a rising mean.
 */
final class QueueSampler implements AutoCloseable {

    private static final long INTERVAL_MS = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;
    private final List<double[]> samples = new ArrayList<>();
    private final Thread thread;

    private QueueSampler(URI base) {
        this.metrics = base.resolve("q/metrics");
        this.thread = new Thread(this::run, "queue-sampler");
    }

    static QueueSampler start(URI base) {
        QueueSampler sampler = new QueueSampler(base);
        sampler.thread.start();
        return sampler;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                synchronized (samples) {
                    samples.add(new double[] {gauge(text, "live_queue"), gauge(text, "live_sessions_pending")});
                }
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // a missed sample; the next one comes INTERVAL_MS later
            }
        }
    }

    private static double gauge(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : Double.NaN;
    }

    /** "mean in the first half → mean in the second half (max)" of the queue, then of the pending prompts. */
    String summary() {
        List<double[]> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        return halves(taken, 0) + " | " + halves(taken, 1);
    }

    private static String halves(List<double[]> taken, int column) {
        int middle = taken.size() / 2;
        return String.format("%.1f → %.1f (max %.0f)", mean(taken.subList(0, middle), column),
                mean(taken.subList(middle, taken.size()), column),
                taken.stream().mapToDouble(s -> s[column]).max().orElse(Double.NaN));
    }

    private static double mean(List<double[]> part, int column) {
        return part.stream().mapToDouble(s -> s[column]).average().orElse(Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}
