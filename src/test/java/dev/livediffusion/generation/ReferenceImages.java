package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reference images of {@code training/}: little-endian float32, HWC, clamp(img/2+0.5)*255 before rounding. */
final class ReferenceImages {

    private ReferenceImages() {
    }

    static float[] read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    /** ||actual - expected|| / ||expected|| over the pixels of item 0 of a decoder output [n, 3, H, W]. */
    static double relativeError(Tensor decoded, float[] expected) {
        int height = (int) decoded.dim(2);
        int width = (int) decoded.dim(3);
        int plane = width * height;
        double diff = 0;
        double norm = 0;
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < 3; ch++) {
                double actual = Math.min(1, Math.max(0, decoded.values()[ch * plane + p] / 2 + 0.5)) * 255;
                double want = expected[p * 3 + ch];
                diff += (actual - want) * (actual - want);
                norm += want * want;
            }
        }
        return Math.sqrt(diff / norm);
    }
}
