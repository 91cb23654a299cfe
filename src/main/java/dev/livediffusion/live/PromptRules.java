package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.moderation.PromptBlocklist;

/** The checks every prompt passes, whether it comes over the socket or the REST twin. */
final class PromptRules {

    private PromptRules() {
    }

    static String text(JsonNode text, LiveSettings settings, PromptBlocklist blocklist, Long seq) {
        if (text == null || !text.isTextual()) {
            throw new ProtocolException("bad_text", seq, "the prompt text must be a string");
        }
        String value = text.asText();
        if (value.codePointCount(0, value.length()) > settings.maxPromptChars()) {
            throw new ProtocolException("prompt_too_long", seq,
                    "prompts are limited to " + settings.maxPromptChars() + " characters");
        }
        blocklist.firstMatch(value).ifPresent(rule -> {
            throw new ProtocolException("blocked_prompt", seq, PromptBlocklist.refusal(rule));
        });
        return value;
    }

    static long seed(JsonNode seed, Long seq, long defaultSeed) {
        if (seed == null || seed.isNull()) {
            return defaultSeed;
        }
        Long value = wholeNumber(seed);
        if (value == null || value < 0 || value > ImageRequest.MAX_SEED) {
            throw new ProtocolException("bad_seed", seq, "\"seed\" must be an integer from 0 to " + ImageRequest.MAX_SEED);
        }
        return value;
    }

    /** A JSON number with no fraction that fits a long, else null. */
    static Long wholeNumber(JsonNode node) {
        return node != null && node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()
                ? node.asLong() : null;
    }
}
