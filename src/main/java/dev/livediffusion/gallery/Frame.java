package dev.livediffusion.gallery;

/** One encoded image exactly as received, with the prompt it shows. */
public record Frame(String prompt, String mime, byte[] bytes, String sha256) {
}
