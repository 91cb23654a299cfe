package dev.livediffusion.compat.a1111;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of A1111's API errors, as its middleware writes them for an {@code HTTPException}: the exception's type,
 * its detail, the request body (left empty) and "status: detail". A1111 clients show {@code detail}.
 */
record A1111Error(String error, String detail, String body, String errors) {

    static Response response(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new A1111Error("HTTPException", detail, "", status + ": " + detail)).build();
    }
}
