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
    /** The prompt the frames being made show; read and written by the streaming thread only. */
    private PromptMessage shown;
    private volatile int sent;
    private volatile int sentWhenStopped = -1;
    private volatile boolean finished;

    RunningVideo(String id, PromptMessage prompt, VideoContext context, PlaybackPacer pacer) {
        this.id = id;
        this.frames = prompt.frames();
        this.context = context;
        this.pacer = pacer;
        this.prompt = prompt;
        this.shown = prompt;
    }

    /** Latest wins: the text applies from the next frame. */
    void steer(PromptMessage newer) {
        prompt = newer;
    }

    /**
     * The prompt the next frame is made for: the newest where the video takes a prompt for it, else the one the
     * frames before it showed (the rest of an SVD section made earlier).
     */
    PromptMessage promptOfNextFrame() {
        if (context.nextFrameTakesPrompt()) {
            shown = prompt;
        }
        return shown;
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
