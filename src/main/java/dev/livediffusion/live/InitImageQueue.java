package dev.livediffusion.live;

/**
 * A connection's init images on their way to being decoded: one at a time, and of those that arrive meanwhile only
 * the newest waits (a newer prompt supersedes the others, as on the live loop). So one client holds at most one
 * decode and one picture, however fast it sends. Used on the connection's event loop only.
 */
final class InitImageQueue {

    private boolean decoding;
    private InitImageMessage waiting;

    /** @return true when the message is to be decoded now, false when it waits for the decode in progress */
    boolean offer(InitImageMessage message) {
        if (decoding) {
            waiting = message;
            return false;
        }
        decoding = true;
        return true;
    }

    /** After a decode: the message to decode next, or null when none waits. */
    InitImageMessage next() {
        InitImageMessage next = waiting;
        waiting = null;
        decoding = next != null;
        return next;
    }
}
