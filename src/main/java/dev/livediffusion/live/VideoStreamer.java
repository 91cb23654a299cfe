package dev.livediffusion.live;

import dev.livediffusion.generation.FirstFrame;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.VideoContext;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.generation.VideoPipeline;
import dev.livediffusion.generation.VideoSetting;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Streams videos: each frame is sent the moment it is decoded, and made no earlier than {@code app.live.clip-lead}
 * ahead of what the client has on screen ({@link PlaybackPacer}), so a steering prompt shows within that lead; the
 * next is made once the socket has taken the last, so a slow client slows its own video instead of queueing frames.
 * A client that takes nothing for the write timeout is closed by its {@link Outbox}, which ends the video.
 * Client-facing text says "clip", as the page does.
 */
@ApplicationScoped
public class VideoStreamer {

    private static final Logger LOG = Logger.getLogger(VideoStreamer.class);
    /** Longest a paced video sleeps before it looks again for a stop or a closed client. */
    private static final long PACING_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "video-streamer");
        thread.setDaemon(true);
        return thread;
    });
    private final ClipSlots slots = new ClipSlots();
    @Inject
    VideoModel videoModel;
    @Inject
    LiveSettings settings;
    @Inject
    LiveStats stats;
    @Inject
    LiveConfig config;

    /** Starts a video, or steers the one the session is running. */
    void submit(LiveSession session, PromptMessage prompt) {
        VideoPipeline pipeline = videoModel.pipeline().orElseThrow(() -> new ProtocolException("video_unavailable",
                prompt.seq(), "this server has no video model"));
        if (session.steerVideo(prompt)) {
            return;
        }
        FirstFrame from = prompt.firstFrame() != null ? prompt.firstFrame() : videoModel.firstFrames().get(0);
        if (!videoModel.firstFrames().contains(from)) {
            throw new ProtocolException("first_frame_unavailable", prompt.seq(), "this server's video model cannot start"
                    + " from the image model's picture (the two do not share a latent space); use \"firstFrame\":\"model\"");
        }
        for (VideoSetting setting : prompt.videoSettings().keySet()) {
            if (!pipeline.settings().containsKey(setting)) {
                throw new ProtocolException("bad_parameters", prompt.seq(), "this server's video model ("
                        + pipeline.contract() + ") takes no \"" + setting.protocolName() + "\"");
            }
        }
        String refused = slots.take(session.clientHost(), settings.maxVideos());
        if (refused != null) {
            throw new ProtocolException("too_many_clips", prompt.seq(), refused);
        }
        VideoContext context = videoModel.startVideo(prompt.seed(), prompt.text(), from, prompt.videoSettings());
        RunningVideo video = new RunningVideo(UUID.randomUUID().toString(), prompt, context,
                new PlaybackPacer(context.frameRate(), config.clipLead().toMillis()));
        session.startVideo(video);
        executor.submit(() -> stream(session, video, pipeline));
    }

    void stop(LiveSession session, StopMessage stop) {
        if (!session.stopVideo()) {
            throw new ProtocolException("no_clip", stop.seq(), "there is no clip running to stop");
        }
    }

    /** Videos being generated now. */
    public int running() {
        return slots.taken();
    }

    private void stream(LiveSession session, RunningVideo video, VideoPipeline pipeline) {
        String reason = "done";
        try {
            while (video.sent() < video.frames && !video.isStopped() && !session.isClosed()) {
                int index = video.context.nextIndex();
                if (!awaitTurn(session, video, index)) {
                    break;
                }
                PromptMessage prompt = video.promptOfNextFrame();   // read after the wait: the newest steering applies
                GeneratedImage frame = pipeline.nextFrame(video.context, prompt.text());
                var header = ServerMessages.FrameHeader.video(prompt.seq(), frame, pipeline.info().maxTokens(),
                        new ServerMessages.VideoPosition(video.id, index, video.frames, video.context.frameRate()));
                video.countSent();
                // waits at most the write timeout, after which the outbox has closed a client that does not read
                session.sendFrame(header, frame.encoded()).toCompletableFuture().join();
                video.pacer.sent(index, System.nanoTime());
                stats.countVideoFramesSent();
            }
            if (video.isStopped() || session.isClosed()) {
                reason = "stopped";
            }
        } catch (RuntimeException e) {
            if (session.isClosed()) {
                LOG.debugf("video %s ended: the client went away", video.id);   // a closed tab, not a fault
                reason = "stopped";
            } else {
                LOG.error("video " + video.id + " failed", e);
                reason = "error";
            }
        } finally {
            video.finish();
            slots.release(session.clientHost());
        }
        if (!session.isClosed()) {
            Integer stoppedAt = video.isStopped() ? video.sentWhenStopped() : null;
            session.sendVideoEnd(new ServerMessages.VideoEnd(video.id, video.sent(), reason, stoppedAt));
        }
    }

    /** Waits until frame {@code index} is within the lead of the client's screen; false if the video ended meanwhile. */
    private static boolean awaitTurn(LiveSession session, RunningVideo video, int index) {
        long wait;
        while ((wait = video.pacer.nanosUntilDue(index, System.nanoTime())) > 0) {
            if (video.isStopped() || session.isClosed()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, PACING_CHECK_NANOS));
        }
        return true;
    }

    void shutdown(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
