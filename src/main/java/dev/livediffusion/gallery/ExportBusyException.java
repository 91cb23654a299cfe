package dev.livediffusion.gallery;

/** Every encoder is busy with other downloads; the client may try again shortly. */
public class ExportBusyException extends RuntimeException {

    public ExportBusyException() {
        super("the server is busy making other videos, try again in a moment");
    }
}
