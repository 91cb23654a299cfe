package dev.livediffusion.prompt;

/**
 * A prompt or seed the policy refuses: {@code code} is the protocol's error code (README), the message says why.
 * HTTP APIs answer it 400 ({@link PromptRefusals}); the live channel as an {@code error} message with the seq.
 */
public final class PromptRefusedException extends RuntimeException {

    private final String code;

    PromptRefusedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
