package dev.livediffusion.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a connection's earlier messages carry over to its next: each seq must be greater than the last, and a prompt
 * that names no seed takes the one last named (at first the connection's own). Also counts its prompts, for the
 * admin page. Written on the connection's own (serial) message thread.
 */
final class ClientMemory {

    private final AtomicLong prompts = new AtomicLong();
    private long lastSeq = -1;
    private long seed;

    ClientMemory(long seed) {
        this.seed = seed;
    }

    /** The seed for a prompt that names none. */
    long seed() {
        return seed;
    }

    long prompts() {
        return prompts.get();
    }

    /** Whether a message with this seq would still be in order (none with a later seq has been taken in). */
    boolean isNewer(long seq) {
        return seq > lastSeq;
    }

    /** Refuses a message whose seq does not increase, without taking it in. */
    void checkOrder(ClientMessage message) {
        if (!(message instanceof PlayedMessage) && !isNewer(message.seq())) {   // playback reports have no seq
            throw new ProtocolException("bad_seq", message.seq(),
                    "\"seq\" must increase; the last one was " + lastSeq);
        }
    }

    /** Takes in a parsed message, or refuses it when its seq does not increase. */
    void accept(ClientMessage message) {
        checkOrder(message);
        if (message instanceof PlayedMessage) {
            return;
        }
        lastSeq = message.seq();
        if (message instanceof PromptMessage prompt) {
            seed = prompt.seed();
            prompts.incrementAndGet();
        }
    }
}
