package dev.livediffusion.live;

import dev.livediffusion.generation.FirstFrame;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.generation.VideoPipeline;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams video clips: each frame is sent the moment it is decoded, and the next is made once the socket has
 * taken it, so a slow client slows its own clip instead of queueing frames. A client that takes nothing for the
 * write timeout is closed by its {@link Outbox}, which ends the clip.
 */
@ApplicationScoped
public class ClipStreamer {

    private static final Logger LOG = Logger.getLogger(ClipStreamer.class);

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "clip-streamer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger running = new AtomicInteger();
    @Inject
    VideoModel videoModel;
    @Inject
    LiveSettings settings;
    @Inject
    LiveStats stats;

    /** Starts a clip, or steers the one the session is running. */
    void submit(LiveSession session, PromptMessage prompt) {
        VideoPipeline video = videoModel.pipeline().orElseThrow(() -> new ProtocolException("video_unavailable",
                prompt.seq(), "this server has no video model"));
        if (session.steerClip(prompt)) {
            return;
        }
        FirstFrame from = prompt.firstFrame() != null ? prompt.firstFrame() : videoModel.firstFrames().get(0);
        if (!videoModel.firstFrames().contains(from)) {
            throw new ProtocolException("first_frame_unavailable", prompt.seq(), "this server's video model cannot start"
                    + " from the image model's picture (the two do not share a latent space); use \"firstFrame\":\"model\"");
        }
        if (running.incrementAndGet() > settings.maxClips()) {
            running.decrementAndGet();
            throw new ProtocolException("too_many_clips", prompt.seq(),
                    "the server is making " + settings.maxClips() + " clips already; try again shortly");
        }
        RunningClip clip = new RunningClip(UUID.randomUUID().toString(), prompt,
                videoModel.startClip(prompt.seed(), prompt.text(), from));
        session.startClip(clip);
        executor.submit(() -> stream(session, clip, video));
    }

    void stop(LiveSession session, StopMessage stop) {
        if (!session.stopClip()) {
            throw new ProtocolException("no_clip", stop.seq(), "there is no clip running to stop");
        }
    }

    /** Clips being generated now. */
    public int running() {
        return running.get();
    }

    private void stream(LiveSession session, RunningClip clip, VideoPipeline video) {
        String reason = "done";
        try {
            while (clip.sent() < clip.frames && !clip.isStopped() && !session.isClosed()) {
                PromptMessage prompt = clip.prompt();
                int index = clip.state.nextIndex();
                GeneratedImage frame = video.nextFrame(clip.state, prompt.text());
                var header = ServerMessages.FrameHeader.video(prompt.seq(), frame, video.info().maxTokens(),
                        new ServerMessages.ClipPosition(clip.id, index, clip.frames, video.frameRate()));
                clip.countSent();
                // waits at most the write timeout, after which the outbox has closed a client that does not read
                session.sendFrame(header, frame.encoded()).toCompletableFuture().join();
                stats.countVideoFramesSent();
            }
            if (clip.isStopped() || session.isClosed()) {
                reason = "stopped";
            }
        } catch (RuntimeException e) {
            if (session.isClosed()) {
                LOG.debugf("clip %s ended: the client went away", clip.id);   // a closed tab, not a fault
                reason = "stopped";
            } else {
                LOG.error("clip " + clip.id + " failed", e);
                reason = "error";
            }
        } finally {
            clip.finish();
            running.decrementAndGet();
        }
        if (!session.isClosed()) {
            Integer stoppedAt = clip.isStopped() ? clip.sentWhenStopped() : null;
            session.sendClipEnd(new ServerMessages.ClipEnd(clip.id, clip.sent(), reason, stoppedAt));
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
