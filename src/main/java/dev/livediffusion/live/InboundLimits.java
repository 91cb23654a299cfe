package dev.livediffusion.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether a client's message is handled at all, decided before it is read further. One over its bound (64 KiB for
 * text, {@link InitImageMessage#MAX_BYTES} for binary) closes the connection with 1009 (the transport takes up to
 * 256 KiB so that this close, with its reason, can happen; see application.properties). One over the rate is dropped,
 * the client is told so at most once a second, and its socket is not read for a moment ({@link InputThrottle}).
 */
@ApplicationScoped
class InboundLimits {

    static final int MAX_TEXT_BYTES = 64 * 1024;

    @Inject
    LiveSettings settings;
    @Inject
    LiveStats stats;

    boolean admit(LiveSession session, int bytes, int maxBytes) {
        if (session.isClosed()) {
            return false;   // being closed: nothing it sends matters any more
        }
        if (bytes > maxBytes) {
            stats.countRefused();
            session.close(1009, "messages of this kind are limited to " + maxBytes + " bytes");
            return false;
        }
        int perSecond = settings.messagesPerSecond();
        RateLimiter.Verdict verdict = session.rateLimiter().check(perSecond);
        if (verdict == RateLimiter.Verdict.PASS) {
            return true;
        }
        stats.countRefused();
        session.throttle().hold();
        if (verdict == RateLimiter.Verdict.REFUSE) {
            session.sendError(new ServerMessages.Error(null, "rate_limited", "more than " + perSecond + " messages"
                    + " a second; slow down (until then, messages are dropped and this is said once a second)"));
        }
        return false;
    }
}
