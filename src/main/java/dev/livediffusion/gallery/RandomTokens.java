package dev.livediffusion.gallery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
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

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
