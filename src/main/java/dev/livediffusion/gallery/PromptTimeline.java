package dev.livediffusion.gallery;

import java.util.List;
import java.util.StringJoiner;

/**
 * How a flipbook was steered, as readable text for a download's metadata: one line per prompt change,
 * {@code "frame: prompt"}, starting with frame 0, e.g. {@code "0: a red circle moving left\n24: a red circle moving up"}.
 */
final class PromptTimeline {

    private PromptTimeline() {
    }

    static String of(List<String> framePrompts) {
        StringJoiner lines = new StringJoiner("\n");
        String previous = null;
        for (int i = 0; i < framePrompts.size(); i++) {
            String prompt = framePrompts.get(i);
            if (!prompt.equals(previous)) {
                // a line break inside a prompt would read as another entry
                lines.add(i + ": " + prompt.replaceAll("[\\r\\n]+", " "));
                previous = prompt;
            }
        }
        return lines.toString();
    }
}
