package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands each accepted client message to what serves it: stops and video prompts to the video streamer, playback
 * reports to the running video, image prompts to the engine's queue.
 */
@ApplicationScoped
class MessageRouter {

    @Inject
    FrameScheduler scheduler;
    @Inject
    VideoStreamer videos;
    @Inject
    LiveStats stats;

    void route(LiveSession session, ClientMessage message) {
        if (message instanceof StopMessage stop) {
            videos.stop(session, stop);
        } else if (message instanceof PlayedMessage played) {
            session.videoPlayed(played);
        } else if (message instanceof PromptMessage prompt) {
            stats.countPromptsReceived();
            if (prompt.video()) {
                videos.submit(session, prompt);
            } else {
                scheduler.submit(session, prompt);
            }
        }
    }
}
