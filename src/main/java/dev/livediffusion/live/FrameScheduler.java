package dev.livediffusion.live;

import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImagePipeline;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Shares the engine among live sessions. Sessions with a pending prompt wait in a FIFO, each at most once,
 * so every client gets its turn; when several wait, up to {@code maxBatch} of them go into one engine call.
 */
@ApplicationScoped
public class FrameScheduler {

    private static final Logger LOG = Logger.getLogger(FrameScheduler.class);

    private final LinkedBlockingQueue<LiveSession> ready = new LinkedBlockingQueue<>();
    private final ImagePipeline pipeline;
    private final LiveSettings settings;
    private final LiveStats stats;
    private final ImageFrameSender sender;
    private Thread worker;

    @Inject
    FrameScheduler(ImagePipeline pipeline, LiveSettings settings, LiveStats stats, ImageFrameSender sender) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.stats = stats;
        this.sender = sender;
    }

    void start(@Observes StartupEvent event) {
        worker = new Thread(this::run, "frame-scheduler");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        worker.interrupt();
    }

    /** Latest wins: the prompt replaces any the session has waiting, and the session joins the queue if not in it. */
    void submit(LiveSession session, PromptMessage prompt) {
        switch (session.offer(prompt)) {
            case QUEUE -> ready.add(session);
            case REPLACE -> stats.countStaleSkipped();
            case WAIT -> { }
        }
    }

    /** Most prompts in one engine call now: the live setting, within what the model's graphs take. */
    public int maxBatch() {
        return Math.min(settings.maxBatch(), pipeline.info().maxBatch());
    }

    /** Number of sessions waiting for the engine. */
    public int queued() {
        return ready.size();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<LiveSession> sessions = new ArrayList<>();
                sessions.add(ready.take());
                ready.drainTo(sessions, maxBatch() - 1);
                serve(sessions);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("frame scheduler step failed", e);
            }
        }
    }

    private void serve(List<LiveSession> sessions) {
        Map<LiveSession, PromptMessage> jobs = new LinkedHashMap<>();
        for (LiveSession session : sessions) {
            PromptMessage prompt = session.take();
            GeneratedImage reusable = prompt == null ? null : session.reusableFrame(prompt);
            if (prompt == null) {
                finished(session);
            } else if (reusable != null) {
                stats.countDuplicatesReused();
                send(session, prompt, reusable, 0);
            } else {
                jobs.put(session, prompt);
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        List<LiveSession> order = new ArrayList<>(jobs.keySet());
        List<GeneratedImage> frames;
        long start = System.nanoTime();
        try {
            frames = pipeline.generateBatch(order.stream().map(s -> jobs.get(s).toRequest()).toList());
        } catch (RuntimeException e) {
            LOG.error("generation failed", e);
            order.forEach(s -> failed(s, jobs.get(s), e));
            return;
        }
        stats.recordBatch(order.size(), (System.nanoTime() - start) / 1e6);
        for (int i = 0; i < order.size(); i++) {
            LiveSession session = order.get(i);
            stats.recordStages(frames.get(i).timingsMs());
            session.rememberFrame(jobs.get(session), frames.get(i));
            send(session, jobs.get(session), frames.get(i), order.size());
        }
    }

    private void send(LiveSession session, PromptMessage prompt, GeneratedImage frame, int batch) {
        sender.send(session, prompt, frame, batch).whenComplete((ok, failure) -> finished(session));
    }

    private void failed(LiveSession session, PromptMessage prompt, RuntimeException cause) {
        session.sendError(ServerMessages.Error.generationFailed(prompt.seq(), cause))
                .whenComplete((ok, failure) -> finished(session));
    }

    /** The session's frame is out; it queues again if a newer prompt arrived meanwhile. */
    private void finished(LiveSession session) {
        if (session.finish()) {
            ready.add(session);
        }
    }
}
