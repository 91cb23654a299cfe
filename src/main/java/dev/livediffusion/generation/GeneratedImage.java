package dev.livediffusion.generation;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * One encoded frame with what produced it.
 *
 * @param pixels    the decoder's pixels the frame was encoded from, so lossless writers (the A1111 and OpenAI
 *                  APIs' PNGs) need not decode the JPEG; null where a frame has none
 * @param tokens    tokens the prompt took before truncation, start and end included
 * @param timingsMs milliseconds per stage, in pipeline order (text, denoise, decode, encode)
 */
public record GeneratedImage(byte[] encoded, BufferedImage pixels, String mime, int width, int height, long seed,
                             String model, int tokens, Map<String, Double> timingsMs) {
}
