package dev.livediffusion.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses, before security and routing see them, paths that two readers could take for different paths:
 * matrix parameters ({@code /admin;x/settings} is /admin/settings to the REST router but not to a path pattern),
 * encoded separators and dots, empty segments and dot segments. No page of the app needs any of them, so what
 * passes here reads the same to every check after it.
 */
@ApplicationScoped
public class AmbiguousPathFilter {

    /** Above CORS (300), authentication (200) and authorization (100): those must never see such a path. */
    static final int PRIORITY = 1000;

    /** Encoded '.', '/', '\', ';', '%' (double encoding) and control characters. */
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2e|2f|5c|3b|25|[01][0-9a-f]|7f)");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext routing) {
        String path = routing.request().path();
        if (path != null && !isAmbiguous(path)) {
            routing.next();
            return;
        }
        new JsonError("ambiguous_path", "this address is not valid: a path may not hold ';', '\\', encoded separators,"
                + " '//' or dot segments").send(routing, 400);
    }

    static boolean isAmbiguous(String rawPath) {
        return rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0 || rawPath.contains("//")
                || DOT_SEGMENT.matcher(rawPath).find()
                || ENCODED_SEPARATOR.matcher(rawPath.toLowerCase(Locale.ROOT)).find()
                || rawPath.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
