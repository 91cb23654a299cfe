package dev.livediffusion.live;

import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Takes each client message through its steps: admitted ({@link InboundLimits}), parsed, checked against the
 * connection's earlier messages ({@link ClientMemory}), routed. A refusal becomes an {@code error} message.
 */
@ApplicationScoped
class LiveInbox {

    private static final Logger LOG = Logger.getLogger(LiveInbox.class);

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

    /**
     * An image prompt with its init image ({@link InitImageMessage}): its header checked now, its picture decoded on a
     * worker thread ({@link InitImageQueue}: one per connection at a time), then taken in and routed back on this
     * event loop, unless a later message has been taken in meanwhile (it supersedes this one, as on the live loop).
     */
    void binary(LiveSession session, byte[] message) {
        if (!limits.admit(session, message.length, InitImageMessage.MAX_BYTES)) {
            return;
        }
        try {
            InitImageMessage parsed = InitImageMessage.parse(message, settings, policy, session.memory().seed(),
                    pipeline.info());
            session.memory().checkOrder(parsed.prompt());
            if (session.initImages().offer(parsed)) {
                decode(session, parsed);
            }
        } catch (ProtocolException e) {
            refuse(session, e);
        }
    }

    private void decode(LiveSession session, InitImageMessage message) {
        Vertx.currentContext().executeBlocking(message::decode, false).onComplete(decoded -> {
            if (!session.isClosed() && session.memory().isNewer(message.prompt().seq())) {
                if (decoded.succeeded()) {
                    session.memory().accept(decoded.result());
                    router.route(session, decoded.result());
                } else if (decoded.cause() instanceof ProtocolException e) {
                    refuse(session, e);
                } else {
                    LOG.error("init image decode failed", decoded.cause());
                    refuse(session, new ProtocolException("bad_init_image", message.prompt().seq(),
                            "the init image could not be read as PNG or JPEG"));
                }
            }
            InitImageMessage next = session.initImages().next();
            if (next != null) {
                decode(session, next);
            }
        });
    }

    private void handle(LiveSession session, Supplier<ClientMessage> parse) {
        try {
            ClientMessage parsed = parse.get();
            session.memory().accept(parsed);
            router.route(session, parsed);
        } catch (ProtocolException e) {
            refuse(session, e);
        }
    }

    private void refuse(LiveSession session, ProtocolException e) {
        stats.countRefused();
        session.sendError(e.toMessage());
    }
}
