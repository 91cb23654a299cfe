package dev.livediffusion.gallery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests: of edit tokens (only the digest is stored), of frame bytes and of download identities. */
final class Sha256 {

    private Sha256() {
    }

    static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }
}
