package dev.livediffusion.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.blocklist.PromptBlocklist;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.LongSupplier;

/**
 * The one set of rules for a prompt and its seed, wherever it enters: the live socket, {@code POST /api/images} and
 * the gallery API (generated and uploaded items). The same prompt gets the same answer everywhere.
 */
@ApplicationScoped
public class PromptPolicy {

    /** Seeds are kept to integers a JavaScript client holds exactly. */
    public static final long MAX_SEED = (1L << 53) - 1;

    private final PromptBlocklist blocklist;
    private volatile int maxChars;

    PromptPolicy(PromptConfig config, PromptBlocklist blocklist) {
        this.blocklist = blocklist;
        setMaxChars(config.maxChars());
    }

    /** Longest prompt, counted in code points: an emoji is one character, as a reader counts it. */
    public int maxChars() {
        return maxChars;
    }

    public void setMaxChars(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxPromptChars must be at least 1");
        }
        maxChars = value;
    }

    /** A prompt as it arrives in JSON; anything but a string is refused. */
    public String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new PromptRefusedException("bad_text", "the prompt must be a string");
        }
        String text = node.textValue();
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw new PromptRefusedException("prompt_too_long", "prompts are limited to " + maxChars + " characters");
        }
        if (text.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL, so a prompt with one could be shown but never saved
            throw new PromptRefusedException("bad_text", "a prompt cannot contain NUL characters");
        }
        blocklist.firstMatch(text).ifPresent(rule -> {
            throw new PromptRefusedException("blocked_prompt", PromptBlocklist.refusal(rule));
        });
        return text;
    }

    /** A seed as it arrives in JSON; absent or null, the caller's default. */
    public long seed(JsonNode seed, LongSupplier absent) {
        if (seed == null || seed.isNull()) {
            return absent.getAsLong();
        }
        Long value = wholeNumber(seed);
        if (value == null || value < 0 || value > MAX_SEED) {
            throw badSeed();
        }
        return value;
    }

    /** A seed the client must name (a gallery item records the seed it was made with). */
    public long requiredSeed(JsonNode seed) {
        return seed(seed, () -> {
            throw badSeed();
        });
    }

    /** A JSON number with no fraction that fits a long, else null ("7" and 1.5 are not seeds). */
    public static Long wholeNumber(JsonNode node) {
        return node != null && node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()
                ? node.asLong() : null;
    }

    private static PromptRefusedException badSeed() {
        return new PromptRefusedException("bad_seed", "\"seed\" must be an integer from 0 to " + MAX_SEED);
    }
}
