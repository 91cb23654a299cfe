package dev.livediffusion.live;

import io.netty.channel.Channel;

import java.util.concurrent.TimeUnit;

/**
 * Slows a client that sends faster than its rate: its socket is not read for a moment, so TCP holds the sender back
 * and what it sends meanwhile costs the event loop nothing. Dropping over-rate messages alone still read and
 * decoded each one on the loop the other clients share (1,000 init images a second starved them until their own
 * output timed out). Used on the connection's event loop only.
 */
final class InputThrottle {

    /** Long enough that a flood waits in the kernel's buffers, short enough that a burst passes unnoticed. */
    static final long HOLD_MILLIS = 250;

    private final Channel channel;
    private boolean holding;

    InputThrottle(Channel channel) {
        this.channel = channel;
    }

    void hold() {
        if (holding || !channel.isOpen()) {
            return;
        }
        holding = true;
        channel.config().setAutoRead(false);
        channel.eventLoop().schedule(() -> {
            holding = false;
            channel.config().setAutoRead(true);
        }, HOLD_MILLIS, TimeUnit.MILLISECONDS);
    }
}
