package dev.livediffusion.http;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * A failed page request from a browser gets a page in the site layout that says what happened and links back.
 * Scripts and API clients (/api), images (/img), htmx swaps and anything not asking for HTML keep the short body.
 */
public final class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String heading, String message);
    }

    private ErrorPages() {
    }

    /** Whether the request is a browser opening a page (it names text/html; a bare {@code *}/{@code *} does not). */
    public static boolean wanted(HttpHeaders headers, UriInfo uri) {
        String path = uri.getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        for (String raw : new String[] {"api", "img", "q"}) {
            if (path.equals(raw) || path.startsWith(raw + "/")) {
                return false;
            }
        }
        if (headers.getHeaderString("HX-Request") != null) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> "text".equalsIgnoreCase(type.getType()) && "html".equalsIgnoreCase(type.getSubtype()));
    }

    public static Response page(int status, String heading, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, heading, message).render()).build();
    }

    /** The page for a status the app has no words of its own for (a route that doesn't exist, a wrong method). */
    public static Response page(int status) {
        return switch (status) {
            case 404 -> page(status, "Page not found", "There is no page at this address. Check the link, or start from"
                    + " the live page.");
            case 400 -> page(status, "That address doesn't work", "Part of this address isn't valid. Check the link.");
            default -> page(status, "Something went wrong", "This page can't be shown right now (error " + status + ").");
        };
    }
}
