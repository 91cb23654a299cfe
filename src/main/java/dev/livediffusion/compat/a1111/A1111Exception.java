package dev.livediffusion.compat.a1111;

/** A request the A1111 API refuses with this status and detail (A1111Resource answers it as A1111 does). */
final class A1111Exception extends RuntimeException {

    private final int status;

    A1111Exception(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** 422, FastAPI's status for a body that does not validate. */
    static A1111Exception invalid(String detail) {
        return new A1111Exception(422, detail);
    }

    int status() {
        return status;
    }
}
