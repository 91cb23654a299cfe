package dev.livediffusion.generation;

import dev.livediffusion.engine.InferenceSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one of the model's graphs runs.
 *
 * @param graph     the graph's folder in the model, e.g. {@code unet}
 * @param placement engine and device, e.g. "OnnxRuntime on cpu"
 * @param precision "fp32" or "fp16"
 */
public record StagePlacement(String graph, String placement, String precision) {

    static List<StagePlacement> of(PromptEncoder prompts, Denoiser denoiser, LatentDecoder decoder,
                                   LatentEncoder encoder) {
        List<InferenceSession> sessions = new ArrayList<>(prompts.sessions());
        sessions.add(denoiser.session());
        sessions.add(decoder.session());
        if (encoder != null) {
            sessions.add(encoder.session());
        }
        return sessions.stream().map(StagePlacement::of).toList();
    }

    static StagePlacement of(InferenceSession session) {
        Path folder = Path.of(session.source()).getParent();
        return new StagePlacement(folder == null ? session.source() : folder.getFileName().toString(),
                session.placement(), session.precision());
    }
}
