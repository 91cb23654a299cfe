package dev.livediffusion.live;

import dev.livediffusion.generation.VideoContext;

/**
 * A video being streamed to one connection: steered by the latest video prompt, stoppable between frames, paced by
 * what the client has played.
 */
final class RunningVideo {

    final String id;
    final int frames;
    final VideoContext context;
    final PlaybackPacer pacer;
    private volatile PromptMessage prompt;
    private volatile int sent;
    private volatile int sentWhenStopped = -1;
    private volatile boolean finished;

    RunningVideo(String id, PromptMessage prompt, VideoContext context, PlaybackPacer pacer) {
        this.id = id;
        this.frames = prompt.frames();
        this.context = context;
        this.pacer = pacer;
        this.prompt = prompt;
    }

    /** Latest wins: the text applies from the next frame. */
    void steer(PromptMessage newer) {
        prompt = newer;
    }

    PromptMessage prompt() {
        return prompt;
    }

    /** Called by the video's own streaming thread as it hands a frame to the socket. */
    void countSent() {
        sent++;
    }

    int sent() {
        return sent;
    }

    void stop() {
        if (sentWhenStopped < 0) {
            sentWhenStopped = sent;
        }
    }

    boolean isStopped() {
        return sentWhenStopped >= 0;
    }

    /** Frames already sent when the stop came; -1 if none came. */
    int sentWhenStopped() {
        return sentWhenStopped;
    }

    void finish() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }
}
