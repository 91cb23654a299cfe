package dev.livediffusion.generation;

/** Other API requests hold the engine; the client may try again shortly. */
public class EngineBusyException extends RuntimeException {

    public EngineBusyException() {
        super("the engine is busy with other requests, try again in a moment");
    }
}
