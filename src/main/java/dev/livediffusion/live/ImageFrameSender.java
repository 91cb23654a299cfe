package dev.livediffusion.live;

import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.Stopwatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Sends an image frame with its header, and records how long the socket took to write it. */
@ApplicationScoped
class ImageFrameSender {

    private static final Logger LOG = Logger.getLogger(ImageFrameSender.class);

    @Inject
    ImagePipeline pipeline;
    @Inject
    LiveStats stats;

    /**
     * @param batch prompts in the engine call that made {@code frame}; 0: the previous frame again, without an engine
     *              call, so without stage times either
     * @return completes within the write timeout, sent or not
     */
    CompletionStage<Void> send(LiveSession session, PromptMessage prompt, GeneratedImage frame, int batch) {
        Map<String, Double> timings = new LinkedHashMap<>(batch == 0 ? Map.of() : frame.timingsMs());
        timings.put("total", Stopwatch.millisSince(prompt.receivedNanos()));
        var header = ServerMessages.FrameHeader.image(prompt.seq(), frame, pipeline.info().maxTokens(), batch, timings);
        long sendStart = System.nanoTime();
        return session.sendFrame(header, frame.encoded()).whenComplete((ok, failure) -> {
            if (failure == null) {
                stats.recordSent((System.nanoTime() - sendStart) / 1e6);
            } else {
                LOG.debugf("frame for seq %d not sent: %s", prompt.seq(), failure);
            }
        });
    }
}
