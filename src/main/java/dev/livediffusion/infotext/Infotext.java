package dev.livediffusion.infotext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A picture's generation parameters as A1111 writes them into its files (the "infotext": the {@code parameters} PNG
 * text, the JPEG EXIF UserComment), so that A1111's PNG Info, civitai and Fooocus read prompt and seed back.
 * The app's pipelines run Euler ancestral without classifier-free guidance: in A1111's terms CFG scale 1.
 *
 * @param steps denoising steps, empty where they are not known (a gallery item does not record them)
 */
public record Infotext(String prompt, OptionalInt steps, long seed, int width, int height, String model) {

    public static final String SAMPLER = "Euler a";
    public static final int CFG_SCALE = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMAGE_SIZE = Pattern.compile("^(\\d+)x(\\d+)$");
    private static final String NEGATIVE = "Negative prompt:";

    /**
     * "prompt\nSteps: 1, Sampler: Euler a, CFG scale: 1, Seed: 42, Size: 512x512, Model: embedded-image". A1111 writes
     * no "Negative prompt:" line when there is none, as here.
     */
    public String text() {
        StringBuilder line = new StringBuilder();
        steps.ifPresent(n -> line.append("Steps: ").append(n).append(", "));
        line.append("Sampler: ").append(SAMPLER).append(", CFG scale: ").append(CFG_SCALE)
                .append(", Seed: ").append(seed).append(", Size: ").append(width).append('x').append(height)
                .append(", Model: ").append(quote(model));
        return prompt + "\n" + line;
    }

    /**
     * An infotext read as A1111's {@code parse_generation_parameters} reads it: "Prompt", "Negative prompt" and each
     * key of the last line, a size such as "Size: 512x768" as "Size-1" and "Size-2". Values stay text; the defaults
     * A1111 adds for keys it misses are not added.
     */
    public static Map<String, String> parse(String text) {
        String[] lines = text.strip().split("\n", -1);
        String last = lines[lines.length - 1];
        Map<String, String> pairs = new LinkedHashMap<>();
        for (ParameterLine.Pair pair : ParameterLine.pairs(last)) {
            pairs.put(pair.key().strip(), unquote(pair.value().strip()));
        }
        // A1111 takes the last line for parameters only when it holds at least three of them
        int promptLines = pairs.size() >= 3 ? lines.length - 1 : lines.length;
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = null;
        for (int i = 0; i < promptLines; i++) {
            String line = lines[i].strip();
            if (line.startsWith(NEGATIVE)) {
                negative = new StringBuilder(line.substring(NEGATIVE.length()).strip());
            } else {
                StringBuilder into = negative != null ? negative : prompt;
                into.append(into.isEmpty() ? "" : "\n").append(line);
            }
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        parsed.put("Prompt", prompt.toString());
        parsed.put("Negative prompt", negative == null ? "" : negative.toString());
        if (promptLines < lines.length) {
            pairs.forEach((key, value) -> {
                Matcher size = IMAGE_SIZE.matcher(value);
                if (size.matches()) {
                    parsed.put(key + "-1", size.group(1));
                    parsed.put(key + "-2", size.group(2));
                } else {
                    parsed.put(key, value);
                }
            });
        }
        return parsed;
    }

    /** As A1111's {@code quote}: JSON where the value would otherwise break the line apart. */
    private static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf(':') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        try {
            return JSON.readValue(value, String.class);
        } catch (JsonProcessingException e) {
            return value;   // A1111 keeps a value that does not parse as it is
        }
    }
}
