package dev.livediffusion.benchmark;

import dev.livediffusion.testing.PackagedApp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.live.LiveClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prints the live video numbers against the packaged app in its own process, over a real WebSocket: for a
 * 10-second and a 60-second video, the first frame's latency, frames/s generated (the server's own time per
 * frame) and delivered (as the client receives them), and the app's peak resident memory after each, which
 * stays flat when long videos keep constant memory. Run with the image numbers: {@code ./mvnw verify
 * -Pbenchmark}; another video model with {@code -Dbenchmark.video-model=PATH}.
 */
class LiveVideoBenchmark {

    private static final Path VIDEO = Path.of(System.getProperty("benchmark.video-model",
            "src/main/resources/models/embedded-video"));
    private static final String PROMPT = "a large red circle moving right on a blue striped background";
    private static final String STEER = "a large red circle moving down on a blue striped background";

    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(VIDEO), "no video model at " + VIDEO);
        try (PackagedApp app = PackagedApp.start(Map.of("app.video.path", VIDEO.toString()));
             LiveClient live = LiveClient.connect(app.base)) {
            JsonNode video = videoModel(live.nextOfType("hello", 10).json());
            int frameRate = video.path("frameRate").asInt();
            System.out.printf("%nvideo model %s at %d frames/s%n", video.path("name").asText(), frameRate);
            System.out.println("| clip | frames | first frame | generated frames/s | delivered frames/s | peak resident memory |");
            System.out.println("|---|---|---|---|---|---|");
            long seq = 1;
            for (int seconds : new int[] {10, 60}) {
                int frames = Math.min(seconds * frameRate, video.path("maxFrames").asInt());
                video(live, seq, seconds, frames);
                seq += 2;
                System.out.printf(" %d MiB |%n", app.peakResidentMiB());
            }
        }
    }

    private static JsonNode videoModel(JsonNode hello) {
        for (JsonNode model : hello.path("models")) {
            if ("video".equals(model.path("kind").asText())) {
                return model;
            }
        }
        throw new IllegalStateException("the app offers no video model: " + hello);
    }

    /** One video, steered halfway, as a user would; prints all but the memory column. */
    private static void video(LiveClient live, long seq, int seconds, int frames) throws InterruptedException {
        long start = System.nanoTime();
        live.sendVideoPrompt(seq, PROMPT, 7, frames);
        long first = 0;
        long last = 0;
        double generatingMs = 0;
        for (int received = 0; received < frames; received++) {
            LiveClient.Message frame = live.nextOfType("frame", 60);
            if (frame.json().path("index").asInt() != received) {
                throw new IllegalStateException("frame " + frame.json().path("index") + " arrived as number " + received);
            }
            last = frame.receivedNanos();
            first = received == 0 ? last : first;
            var stages = frame.json().path("timings").fields();
            while (stages.hasNext()) {
                var stage = stages.next();
                generatingMs += "total".equals(stage.getKey()) ? 0 : stage.getValue().asDouble();   // stages only
            }
            if (received == frames / 2) {
                live.sendVideoPrompt(seq + 1, STEER, 7, frames);
            }
        }
        live.nextOfType("clip_end", 30);
        System.out.printf("| %d s | %d | %.0f ms | %.1f | %.1f |", seconds, frames, (first - start) / 1e6,
                frames / (generatingMs / 1000), (frames - 1) / ((last - first) / 1e9));
    }
}
