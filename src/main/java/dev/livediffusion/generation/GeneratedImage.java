package dev.livediffusion.generation;

import java.util.Map;

/**
 * One encoded frame with what produced it.
 *
 * @param tokens    tokens the prompt took before truncation, start and end included
 * @param timingsMs milliseconds per stage, in pipeline order (text, denoise, decode, encode)
 */
public record GeneratedImage(byte[] encoded, String mime, int width, int height, long seed, String model, int tokens,
                             Map<String, Double> timingsMs) {
}
