package dev.livediffusion.compat.openai;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** OpenAI's error body: {@code {"error":{"message","type","param","code"}}}, param and code null where none. */
record OpenAiError(Detail error) {

    record Detail(String message, String type, String param, String code) {
    }

    /** A request this server will not serve as asked (HTTP 400 unless said otherwise). */
    static final class Refused extends RuntimeException {

        final int status;
        final String type;
        final String param;
        final String code;

        Refused(int status, String type, String param, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.param = param;
            this.code = code;
        }

        static Refused invalid(String param, String code, String message) {
            return new Refused(400, "invalid_request_error", param, code, message);
        }
    }

    static Response response(int status, String type, String param, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OpenAiError(new Detail(message, type, param, code))).build();
    }

    static Response response(Refused e) {
        return response(e.status, e.type, e.param, e.code, e.getMessage());
    }
}
