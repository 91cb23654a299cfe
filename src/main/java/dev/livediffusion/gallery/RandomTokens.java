package dev.livediffusion.gallery;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Slugs and edit tokens: URL-safe, from a CSPRNG, long enough that nobody guesses one. */
final class RandomTokens {

    /** 18 random bytes = 144 bits = 24 base64url characters. */
    private static final int SLUG_BYTES = 18;
    private static final int EDIT_TOKEN_BYTES = 32;
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private RandomTokens() {
    }

    static String slug() {
        return random(SLUG_BYTES);
    }

    static String editToken() {
        return random(EDIT_TOKEN_BYTES);
    }

    static boolean isSlug(String text) {
        return text != null && SLUG.matcher(text).matches();
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
