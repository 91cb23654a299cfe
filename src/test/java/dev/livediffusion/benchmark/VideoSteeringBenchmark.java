package dev.livediffusion.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.live.LiveClient;
import dev.livediffusion.testing.PackagedApp;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints how long steering takes to reach the screen, over a real WebSocket against the packaged app on the embedded
 * models: a client that plays like the page (a frame per tick of the clip's frame rate, each shown frame reported as
 * {@code played} at most ten times a second) types a new colour at 2, 4 and 6 s of playback of a 60-second clip;
 * the latency is from that message to the first frame on screen made with it, and the frame's pixels say whether it
 * shows the colour. With {@code -Dbenchmark.clip-minutes=10} it then plays a clip that long and prints the process's
 * resident memory each minute. Run: {@code ./mvnw verify -Pbenchmark -Dit.test=VideoSteeringBenchmark}; another
 * video model with {@code -Dbenchmark.video-model=PATH} (an SVD folder steers through the image model, so on a
 * fixture's random weights only the latency column means something).
 */
class VideoSteeringBenchmark {

    private static final String[] COLOURS = {"red", "blue", "green", "yellow"};
    private static final Map<String, int[]> RGB = Map.of("red", new int[] {220, 30, 30}, "blue", new int[] {30, 60, 220},
            "green", new int[] {30, 170, 50}, "yellow", new int[] {250, 220, 30});
    private static final int MINUTES = Integer.getInteger("benchmark.clip-minutes", 0);
    private static final String VIDEO = System.getProperty("benchmark.video-model");

    @Test
    void measure() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("app.live.max-clip-frames", Integer.toString(Math.max(480, MINUTES * 60 * 8)));
        if (VIDEO != null) {
            properties.put("app.video.path", VIDEO);
        }
        try (PackagedApp app = PackagedApp.start(properties); LiveClient live = LiveClient.connect(app.base)) {
            JsonNode hello = live.nextOfType("hello", 10).json();
            JsonNode video = null;
            for (JsonNode model : hello.path("models")) {
                video = "video".equals(model.path("kind").asText()) ? model : video;
            }
            int frameRate = video.path("frameRate").asInt();
            System.out.printf("%nsteering a 60 s clip of %s at %d frames/s, %d frames a section (lead: the app's default)%n",
                    video.path("name").asText(), frameRate, video.path("sectionFrames").asInt());
            System.out.println("| typed at (playback) | new colour | frame made with it on screen after | shows the colour |");
            System.out.println("|---|---|---|---|");
            new Player(live, frameRate).play(60 * frameRate, new double[] {2, 4, 6}, 8, null);
            if (MINUTES > 0) {
                System.out.printf("%n| minute of a %d-minute clip | resident memory |%n|---|---|%n", MINUTES);
                new Player(live, frameRate).play(MINUTES * 60 * frameRate, new double[0], MINUTES * 60 + 1, app);
            }
        }
    }

    private static String prompt(String colour) {
        return "a large " + colour + " circle moving right on a white background";
    }

    /** Plays one clip like the page's ClipPlayer and reports what it shows. */
    private static final class Player {
        private final LiveClient live;
        private final int frameRate;
        private final ArrayDeque<LiveClient.Message> buffered = new ArrayDeque<>();
        private long seq = System.nanoTime() / 1000;   // above any seq of an earlier clip on this connection
        private String clip;
        private long lastReport = Long.MIN_VALUE / 2;
        private boolean ended;

        Player(LiveClient live, int frameRate) {
            this.live = live;
            this.frameRate = frameRate;
        }

        void play(int frames, double[] steerAt, double stopAfterSeconds, PackagedApp memoryOf) throws Exception {
            live.sendVideoPrompt(++seq, prompt(COLOURS[0]), 7, frames);
            LiveClient.Message first = live.nextOfType("frame", 60);
            clip = first.json().path("clip").asText();
            buffered.add(first);
            long start = first.receivedNanos();
            long tickNanos = 1_000_000_000L / frameRate;
            int steered = 0;
            long steerSeq = -1;
            long steerNanos = 0;
            int shown = 0;
            int nextMinute = 1;
            for (long tick = start; shown < frames && tick - start < stopAfterSeconds * 1e9; tick += tickNanos) {
                receiveUntil(tick);
                if (steered < steerAt.length && tick - start >= steerAt[steered] * 1e9) {
                    steerSeq = ++seq;
                    steerNanos = System.nanoTime();
                    live.sendVideoPrompt(steerSeq, prompt(COLOURS[steered + 1]), 7, frames);
                    steered++;
                }
                LiveClient.Message frame = buffered.poll();
                if (frame == null) {
                    continue;   // nothing has come yet: the page shows a late frame at the next tick
                }
                shown++;
                report(frame);
                if (steerSeq >= 0 && frame.json().path("seq").asLong() >= steerSeq) {
                    String colour = COLOURS[steered];
                    System.out.printf("| %.0f s | %s | %.2f s | %s |%n", steerAt[steered - 1], colour,
                            (System.nanoTime() - steerNanos) / 1e9, shows(frame.image(), colour, COLOURS[steered - 1]));
                    steerSeq = -1;
                }
                if (memoryOf != null && tick - start >= nextMinute * 60e9) {
                    System.out.printf("| %d | %d MiB |%n", nextMinute++, memoryOf.residentMiB());
                }
            }
            if (!ended) {
                live.sendStop(++seq);
                live.nextOfType("clip_end", 60);
            }
        }

        private void receiveUntil(long tick) throws InterruptedException {
            for (long wait; (wait = tick - System.nanoTime()) > 0; ) {
                LiveClient.Message message = live.poll(wait / 1e9);
                if (message != null && clip.equals(message.json().path("clip").asText())) {
                    if (message.isFrame()) {
                        buffered.add(message);
                    } else {
                        ended |= message.json().path("type").asText().equals("clip_end");
                    }
                }
            }
        }

        private void report(LiveClient.Message frame) {
            long now = System.nanoTime();
            if (now - lastReport >= 100_000_000L) {
                live.sendPlayed(clip, frame.json().path("index").asInt());
                lastReport = now;
            }
        }
    }

    /** Whether more pixels are near the new colour than near the old one (and at least 1% of the picture). */
    private static String shows(byte[] jpeg, String colour, String before) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int now = 0;
        int old = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                now += near(rgb, RGB.get(colour)) ? 1 : 0;
                old += near(rgb, RGB.get(before)) ? 1 : 0;
            }
        }
        int pixels = image.getWidth() * image.getHeight();
        return (now > old && now > pixels / 100 ? "yes" : "no") + String.format(" (%.1f%% %s, %.1f%% %s)",
                100.0 * now / pixels, colour, 100.0 * old / pixels, before);
    }

    private static boolean near(int rgb, int[] target) {
        int dr = (rgb >> 16 & 255) - target[0];
        int dg = (rgb >> 8 & 255) - target[1];
        int db = (rgb & 255) - target[2];
        return dr * dr + dg * dg + db * db < 70 * 70;
    }
}
