package dev.livediffusion.live;

/**
 * Keeps a clip's generation a fixed lead ahead of what its client has on screen (FramePack's sections made just
 * ahead of playback): a steering prompt then shows within the lead, instead of after every frame made in advance.
 * Where the client is showing is its last {@code played} report moved on by the frame rate for at most
 * {@link #REPORT_REACH_NANOS} (a client that stops reporting, a hidden tab, stops its clip's generation too), or, from a
 * client that never reports, the frame rate's clock from the moment frame 0 was sent (the page plays on its arrival).
 */
final class PlaybackPacer {

    /** The page reports ten times a second; half a second without one means its playback has stalled. */
    static final long REPORT_REACH_NANOS = 500_000_000L;

    private final double framesPerNano;
    private final double leadFrames;
    private volatile long firstSentNanos = Long.MIN_VALUE;
    private volatile int reportedIndex = -1;
    private volatile long reportedNanos;

    PlaybackPacer(int frameRate, long leadMillis) {
        this.framesPerNano = frameRate / 1e9;
        this.leadFrames = frameRate * leadMillis / 1000.0;
    }

    void sent(int index, long now) {
        if (index == 0) {
            firstSentNanos = now;
        }
    }

    /** Called from the connection's message thread; reports may arrive out of order with the clock, never backwards. */
    synchronized void played(int index, long now) {
        if (index > reportedIndex) {
            reportedIndex = index;
            reportedNanos = now;
        }
    }

    /** How long frame {@code index} must wait before it is made; 0 once it is within the lead of the screen. */
    long nanosUntilDue(int index, long now) {
        double showing;
        synchronized (this) {
            if (reportedIndex >= 0) {
                showing = reportedIndex + Math.min(now - reportedNanos, REPORT_REACH_NANOS) * framesPerNano;
            } else if (firstSentNanos != Long.MIN_VALUE) {
                showing = (now - firstSentNanos) * framesPerNano;
            } else {
                return 0;   // nothing sent yet: the first frames are made at once
            }
        }
        double ahead = index - showing - leadFrames;
        return ahead <= 0 ? 0 : (long) Math.ceil(ahead / framesPerNano);
    }
}
