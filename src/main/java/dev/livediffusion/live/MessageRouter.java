package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands each accepted client message to what serves it: stops and video prompts to the clips, image prompts to the
 * engine's queue.
 */
@ApplicationScoped
class MessageRouter {

    @Inject
    FrameScheduler scheduler;
    @Inject
    ClipStreamer clips;
    @Inject
    LiveStats stats;

    void route(LiveSession session, ClientMessage message) {
        if (message instanceof StopMessage stop) {
            clips.stop(session, stop);
        } else if (message instanceof PromptMessage prompt) {
            stats.countPromptsReceived();
            if (prompt.video()) {
                clips.submit(session, prompt);
            } else {
                scheduler.submit(session, prompt);
            }
        }
    }
}
