package dev.livediffusion.live;

import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    MessageRouter router;
    @Inject
    LiveStats stats;

    void text(LiveSession session, String message) {
        if (!limits.admit(session, Utf8.length(message))) {
            return;
        }
        try {
            ClientMessage parsed = ClientMessage.parse(message, settings, policy, session.memory().seed());
            session.memory().accept(parsed);
            router.route(session, parsed);
        } catch (ProtocolException e) {
            refuse(session, e.toMessage());
        }
    }

    void binary(LiveSession session, int bytes) {
        if (limits.admit(session, bytes)) {
            refuse(session, new ServerMessages.Error(null, "binary_not_supported", "send prompts as JSON text messages"));
        }
    }

    private void refuse(LiveSession session, ServerMessages.Error error) {
        stats.countRefused();
        session.sendError(error);
    }
}
