package dev.livediffusion.live;

/** A client message refused; becomes an {@code error} message, and the connection stays open. */
final class ProtocolException extends RuntimeException {

    private final String code;
    private final Long seq;

    ProtocolException(String code, Long seq, String message) {
        super(message, null, false, false);
        this.code = code;
        this.seq = seq;
    }

    ServerMessages.Error toMessage() {
        return new ServerMessages.Error(seq, code, getMessage());
    }
}
