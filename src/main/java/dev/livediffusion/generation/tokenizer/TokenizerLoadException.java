package dev.livediffusion.generation.tokenizer;

/** A tokenizer folder that is missing a file or holds one in an unexpected form. */
public final class TokenizerLoadException extends RuntimeException {

    TokenizerLoadException(String message) {
        super(message);
    }

    TokenizerLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
