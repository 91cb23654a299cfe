package dev.livediffusion.gallery;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import java.util.List;
import java.util.Optional;

/**
 * Where a request's edit token comes from: the X-Edit-Token header (scripts) or the cookie set for the
 * gallery's creator (browsers; HttpOnly so page scripts never see it, SameSite=Strict so other sites can't use it).
 */
public final class EditTokens {

    public static final String HEADER = "X-Edit-Token";
    private static final String COOKIE_PREFIX = "ld_edit_";
    private static final int TEN_YEARS_S = 10 * 365 * 24 * 3600;

    private EditTokens() {
    }

    public static Optional<String> of(HttpHeaders headers, String slug) {
        String header = headers.getHeaderString(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        return Optional.ofNullable(headers.getCookies().get(COOKIE_PREFIX + slug)).map(Cookie::getValue);
    }

    /** Slugs of the galleries this browser holds an edit cookie for (the tokens still have to be checked). */
    public static List<String> cookieSlugs(HttpHeaders headers) {
        return headers.getCookies().keySet().stream()
                .filter(name -> name.startsWith(COOKIE_PREFIX))
                .map(name -> name.substring(COOKIE_PREFIX.length()))
                .filter(RandomTokens::isSlug)
                .toList();
    }

    public static NewCookie cookie(String slug, String token) {
        return new NewCookie.Builder(COOKIE_PREFIX + slug).value(token).path("/").maxAge(TEN_YEARS_S)
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
    }

    public static NewCookie expired(String slug) {
        return new NewCookie.Builder(COOKIE_PREFIX + slug).value("").path("/").maxAge(0)
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
