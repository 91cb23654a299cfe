package dev.livediffusion.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading and floods the server: what it costs the server is bounded, it is cut off, and the
 * others are served meanwhile. The flooder is a raw socket with a small receive window, so the server's output to it
 * backs up within a second or two.
 */
@QuarkusTest
class LiveBackpressureTest {

    /** Messages a second the flooder sends (the security probe sent 2000), in batches every 50 ms. */
    private static final int FLOOD_RATE = 10_000;
    private static final int BATCH = FLOOD_RATE / 20;
    private static final long MB = 1 << 20;

    @TestHTTPResource("/")
    URI base;
    @Inject
    LiveSessions sessions;
    @Inject
    LiveSettings settings;

    /** What the flood test saw of the flooder's outbox, times in nanoseconds from the flood's start (-1: never). */
    private static final class Watch {
        final long start = System.nanoTime();
        long backedUpSince = -1;
        long closingAt = -1;
        long cutAt = -1;
        int mostMessages;
        long mostBytes;

        void sample(Outbox outbox) {
            mostMessages = Math.max(mostMessages, outbox.unsentMessages());
            mostBytes = Math.max(mostBytes, outbox.unsentBytes());
            if (outbox.isClosing()) {
                closingAt = closingAt < 0 ? now() : closingAt;
            } else if (outbox.unsentMessages() == 0) {
                backedUpSince = -1;
            } else if (backedUpSince < 0) {
                backedUpSince = now();
            }
        }

        long now() {
            return System.nanoTime() - start;
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffWhileAnotherKeepsGettingFrames() throws Exception {
        try (LiveClient other = LiveClient.connect(base)) {
            other.nextOfType("hello", 10);
            Set<LiveSession> before = Set.copyOf(sessions.all());
            try (RawLiveSocket flooder = RawLiveSocket.connect(base, 4096)) {
                flooder.read();
                LiveSession flooding = sessions.all().stream().filter(s -> !before.contains(s)).findFirst().orElseThrow();
                AtomicBoolean typing = new AtomicBoolean(true);
                AtomicInteger otherFrames = new AtomicInteger();
                AtomicLong lastOtherFrame = new AtomicLong();
                Thread typist = new Thread(() -> typeWhile(other, typing, otherFrames, lastOtherFrame), "typist");
                typist.start();

                long heapBefore = usedHeapAfterGc();
                long heapDuring = -1;
                Watch watch = new Watch();
                long seq = 1;
                while (watch.now() < seconds(40)) {
                    try {
                        flooder.sendAll(prompts(seq, BATCH));
                        seq += BATCH;
                    } catch (IOException e) {
                        watch.cutAt = watch.now();
                        break;
                    }
                    watch.sample(flooding.outbox());
                    // before any cut-off, which comes at least the write timeout after the output backs up
                    if (heapDuring < 0 && watch.now() >= seconds(10)) {
                        heapDuring = usedHeapAfterGc();
                    }
                    Thread.sleep(50);
                }
                typing.set(false);
                typist.join(30_000);
                System.out.printf("paused reader: %d messages sent; its output backed up from %.1f s, at most %d"
                                + " messages / %d bytes; closing from %.1f s, cut off at %.1f s; heap after GC %d MB"
                                + " before, %d MB 10 s into the flood; the other client got %d frames, the last at %.1f s%n",
                        seq - 1, watch.backedUpSince / 1e9, watch.mostMessages, watch.mostBytes, watch.closingAt / 1e9,
                        watch.cutAt / 1e9, heapBefore / MB, heapDuring / MB, otherFrames.get(),
                        (lastOtherFrame.get() - watch.start) / 1e9);

                Outbox.Limits limits = settings.outboxLimits();
                assertTrue(watch.mostMessages <= limits.maxMessages() && watch.mostBytes <= limits.maxBytes(),
                        "the outbox stayed within its bounds");
                assertTrue(heapDuring - heapBefore < 16 * MB, "heap stays flat while flooded");
                assertTrue(watch.cutAt > 0, "the server cut the paused reader off (its writes failed) within 40 s");
                assertTrue(watch.closingAt - watch.backedUpSince < limits.writeTimeout().toNanos() + seconds(1),
                        "closed once its output had waited the write timeout");
                assertTrue(watch.cutAt - watch.closingAt < seconds(4), "and its TCP connection cut soon after");
                assertTrue(otherFrames.get() >= 10, "the other client kept getting frames");
                assertTrue(lastOtherFrame.get() - watch.start >= watch.cutAt - seconds(2), "until the flooder was cut off");
                assertTrue(other.isOpen());
            }
        }
    }

    @Test
    void aFloodOfBinaryMessagesIsAnsweredOnceASecondOverTheRate() throws Exception {
        try (RawLiveSocket flooder = RawLiveSocket.connect(base, 4096)) {
            flooder.read();
            long heapBefore = usedHeapAfterGc();
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < BATCH; i++) {
                batch.writeBytes(RawLiveSocket.encode(RawLiveSocket.BINARY, new byte[200]));
            }
            long start = System.nanoTime();
            int sent = 0;
            while (System.nanoTime() - start < seconds(5)) {
                flooder.sendAll(batch.toByteArray());
                sent += BATCH;
                Thread.sleep(50);
            }
            double flooded = (System.nanoTime() - start) / 1e9;
            long heapAfter = usedHeapAfterGc();

            int errors = 0;
            flooder.readTimeout(1500);
            try {
                while (true) {
                    RawLiveSocket.Frame frame = flooder.read();
                    assertTrue(frame.opcode() == RawLiveSocket.TEXT && frame.text().contains("\"type\":\"error\""),
                            "only error messages");
                    errors++;
                }
            } catch (SocketTimeoutException quiet) {
                // everything the server had to say has arrived
            }
            System.out.printf("binary flood: %d messages, %d errors back; heap after GC %d -> %d MB%n",
                    sent, errors, heapBefore / MB, heapAfter / MB);
            int rate = settings.messagesPerSecond();
            // bad_binary for each message the rate lets through, and one rate_limited a second
            assertTrue(errors <= 2 * rate + (rate + 1) * Math.ceil(flooded) + 2, "not one error per message: " + errors);
            assertTrue(heapAfter - heapBefore < 16 * MB, "heap stays flat");

            Thread.sleep(1000);
            flooder.sendText("{\"type\":\"prompt\",\"seq\":1,\"text\":\"still usable\"}");
            flooder.readTimeout(30_000);
            assertEquals(RawLiveSocket.BINARY, flooder.read().opcode(), "the connection still serves frames");
        }
    }

    /** {@code count} prompt messages from {@code firstSeq} on, each with its own text, as one write. */
    private static byte[] prompts(long firstSeq, int count) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            batch.writeBytes(RawLiveSocket.encode(RawLiveSocket.TEXT, ("{\"type\":\"prompt\",\"seq\":" + seq
                    + ",\"text\":\"a red circle number " + seq + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        return batch.toByteArray();
    }

    private static void typeWhile(LiveClient client, AtomicBoolean typing, AtomicInteger frames, AtomicLong last) {
        try {
            for (long seq = 1; typing.get(); seq++) {
                client.sendPrompt(seq, "a blue square " + seq, 4L);
                client.nextOfType("frame", 30);
                frames.incrementAndGet();
                last.set(System.nanoTime());
                Thread.sleep(100);
            }
        } catch (InterruptedException | AssertionError e) {
            // the frame count tells
        }
    }

    private static long seconds(long seconds) {
        return seconds * 1_000_000_000L;
    }

    /** The least of three readings after a full GC: what is kept, not what happens to be in flight. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            Thread.sleep(100);
        }
        return least;
    }
}
