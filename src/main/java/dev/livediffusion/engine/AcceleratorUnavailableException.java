package dev.livediffusion.engine;

/** A GPU engine that was asked for cannot serve here; the message says why, for the one fallback warning. */
public class AcceleratorUnavailableException extends RuntimeException {

    public AcceleratorUnavailableException(String reason) {
        super(reason);
    }

    /** The reason, followed by the innermost cause's message (native loaders wrap theirs deeply). */
    public AcceleratorUnavailableException(String reason, Throwable cause) {
        super(reason + ": " + innermost(cause), cause);
    }

    private static String innermost(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
