package dev.livediffusion.live;

import dev.livediffusion.generation.VideoClip;

/** A clip being streamed to one connection: steered by the latest video prompt, stoppable between frames. */
final class RunningClip {

    final String id;
    final int frames;
    final VideoClip state;
    private volatile PromptMessage prompt;
    private volatile boolean stopped;
    private volatile boolean finished;

    RunningClip(String id, PromptMessage prompt, VideoClip state) {
        this.id = id;
        this.frames = prompt.frames();
        this.state = state;
        this.prompt = prompt;
    }

    /** Latest wins: the text applies from the next frame. */
    void steer(PromptMessage newer) {
        prompt = newer;
    }

    PromptMessage prompt() {
        return prompt;
    }

    void stop() {
        stopped = true;
    }

    boolean isStopped() {
        return stopped;
    }

    void finish() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }
}
