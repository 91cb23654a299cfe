package dev.livediffusion.benchmark;

import dev.livediffusion.live.LiveClient;
import dev.livediffusion.testing.PackagedApp;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One client sends 1-megapixel PNG image prompts (at the allowed 30/s, then 1,000/s) while two canaries type on other
 * connections; prints each canary's frames, its longest wait between two frames, whether it stayed connected, and
 * how often the sender was told rate_limited. (The outside probe saw 8 s gaps at 30/s and canaries closed at 1,000/s.)
 */
class InitImageFloodBenchmark {

    private static final int SECONDS = 15;

    @Test
    void measure() throws Exception {
        byte[] png = megapixelPng();
        System.out.printf("%n1-megapixel PNG image prompts (%d bytes each), %d s per rate, two canaries typing 5 keys/s%n",
                png.length, SECONDS);
        System.out.println("| sender's rate | canary | frames | longest gap | still connected | sender's rate_limited |");
        System.out.println("|---|---|---|---|---|---|");
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            for (int rate : new int[] {30, 1000}) {
                run(app, png, rate);
            }
        }
    }

    private static void run(PackagedApp app, byte[] png, int rate) throws Exception {
        try (LiveClient sender = LiveClient.connect(app.base); LiveClient a = LiveClient.connect(app.base);
             LiveClient b = LiveClient.connect(app.base)) {
            List<LiveClient> canaries = List.of(a, b);
            for (LiveClient client : List.of(sender, a, b)) {
                client.nextOfType("hello", 10);
            }
            List<Long> lastFrame = new ArrayList<>(List.of(System.nanoTime(), System.nanoTime()));
            long[] longestGap = new long[2];
            int[] frames = new int[2];
            int rateLimited = 0;
            long start = System.nanoTime();
            long seq = 0;
            long nextKey = start;
            long nextImage = start;
            while (System.nanoTime() - start < SECONDS * 1_000_000_000L) {
                long now = System.nanoTime();
                if (now >= nextImage) {
                    String header = "{\"type\":\"prompt\",\"seq\":" + (++seq) + ",\"text\":\"a cat\",\"strength\":0.5}";
                    sender.sendInitImage(header, png);
                    nextImage += 1_000_000_000L / rate;
                }
                if (now >= nextKey) {
                    for (LiveClient canary : canaries) {
                        canary.sendPrompt(seq, "a red circle " + seq % 7, 1L);
                    }
                    nextKey += 200_000_000L;
                }
                for (int i = 0; i < 2; i++) {
                    for (LiveClient.Message m; (m = canaries.get(i).poll(0)) != null; ) {
                        if (m.isFrame()) {
                            frames[i]++;
                            longestGap[i] = Math.max(longestGap[i], System.nanoTime() - lastFrame.get(i));
                            lastFrame.set(i, System.nanoTime());
                        }
                    }
                }
                for (LiveClient.Message m; (m = sender.poll(0)) != null; ) {
                    rateLimited += m.json().path("code").asText().equals("rate_limited") ? 1 : 0;
                }
                Thread.sleep(1);
            }
            for (int i = 0; i < 2; i++) {
                System.out.printf("| %d/s | %d | %d | %.2f s | %s | %d |%n", rate, i + 1, frames[i], longestGap[i] / 1e9,
                        canaries.get(i).isOpen() ? "yes" : "no", rateLimited);
            }
        }
    }

    /** A drawn 1024x1024 picture: a megapixel that compresses as sketches and photos of shapes do. */
    private static byte[] megapixelPng() throws IOException {
        BufferedImage image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1024, 1024);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color((i * 53) % 256, (i * 97) % 256, (i * 29) % 256));
            g.fillOval((i * 71) % 900, (i * 37) % 900, 60 + i, 40 + i * 2);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
