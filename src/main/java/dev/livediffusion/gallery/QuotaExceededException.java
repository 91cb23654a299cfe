package dev.livediffusion.gallery;

import java.util.OptionalLong;

/**
 * A save or a new gallery refused because it would pass a storage quota (StorageQuota); nothing was stored.
 *
 * @param retryAfterSeconds when the same request may pass again, empty where waiting does not help
 */
public final class QuotaExceededException extends RuntimeException {

    private final int status;
    private final String code;
    private final OptionalLong retryAfterSeconds;

    QuotaExceededException(int status, String code, String message, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
