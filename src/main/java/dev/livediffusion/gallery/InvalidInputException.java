package dev.livediffusion.gallery;

/** A request the gallery refuses as given (answered 400 with this message); nothing was changed. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
