package dev.livediffusion.live;

import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * Takes each client message through its steps: admitted ({@link InboundLimits}), parsed, checked against the
 * connection's earlier messages ({@link ClientMemory}), routed. A refusal becomes an {@code error} message.
 */
@ApplicationScoped
class LiveInbox {

    @Inject
    InboundLimits limits;
    @Inject
    LiveSettings settings;
    @Inject
    PromptPolicy policy;
    @Inject
    ImagePipeline pipeline;
    @Inject
    MessageRouter router;
    @Inject
    LiveStats stats;

    void text(LiveSession session, String message) {
        if (limits.admit(session, Utf8.length(message), InboundLimits.MAX_TEXT_BYTES)) {
            handle(session, () -> ClientMessage.parse(message, settings, policy, session.memory().seed(),
                    pipeline.info()));
        }
    }

    /** An image prompt with its init image ({@link InitImageMessage}). */
    void binary(LiveSession session, byte[] message) {
        if (limits.admit(session, message.length, InitImageMessage.MAX_BYTES)) {
            handle(session, () -> InitImageMessage.parse(message, settings, policy, session.memory().seed(),
                    pipeline.info()));
        }
    }

    private void handle(LiveSession session, Supplier<ClientMessage> parse) {
        try {
            ClientMessage parsed = parse.get();
            session.memory().accept(parsed);
            router.route(session, parsed);
        } catch (ProtocolException e) {
            stats.countRefused();
            session.sendError(e.toMessage());
        }
    }
}
