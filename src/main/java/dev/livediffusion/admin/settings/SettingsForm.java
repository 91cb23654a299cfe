package dev.livediffusion.admin.settings;

import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.live.SeedMode;
import dev.livediffusion.prompt.PromptPolicy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The runtime settings form as typed: every field is checked before anything is applied, so bad input
 * changes nothing and each bad field gets its own message.
 */
public record SettingsForm(String messagesPerSecond, String maxConnections, String maxPromptChars, String seedMode,
                           String defaultSeed, String maxBatch, String maxVideos, Map<String, String> errors) {

    static final int MAX_RATE = 1000;
    static final int MAX_CONNECTIONS = 100_000;
    static final int MAX_PROMPT_CHARS = 10_000;
    static final int MAX_BATCH = 64;
    static final int MAX_VIDEOS = 1000;

    static SettingsForm of(LiveSettings settings, PromptPolicy policy) {
        return new SettingsForm(String.valueOf(settings.messagesPerSecond()), String.valueOf(settings.maxConnections()),
                String.valueOf(policy.maxChars()), settings.seedMode().name().toLowerCase(Locale.ROOT),
                String.valueOf(settings.defaultSeed()), String.valueOf(settings.maxBatch()),
                String.valueOf(settings.maxVideos()), Map.of());
    }

    static SettingsForm submitted(String messagesPerSecond, String maxConnections, String maxPromptChars, String seedMode,
                                  String defaultSeed, String maxBatch, String maxVideos) {
        return new SettingsForm(messagesPerSecond, maxConnections, maxPromptChars, seedMode, defaultSeed, maxBatch,
                maxVideos, Map.of());
    }

    /** The fields by their form names, as the database keeps them (trimmed: only a {@link #validated()} form is kept). */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("messagesPerSecond", messagesPerSecond.strip());
        fields.put("maxConnections", maxConnections.strip());
        fields.put("maxPromptChars", maxPromptChars.strip());
        fields.put("seedMode", seedMode);
        fields.put("defaultSeed", defaultSeed.strip());
        fields.put("maxBatch", maxBatch.strip());
        fields.put("maxClips", maxVideos.strip());
        return fields;
    }

    /** This form with the fields {@code stored} names replaced (those it lacks keep their values here). */
    SettingsForm with(Map<String, String> stored) {
        Map<String, String> fields = fields();
        fields.replaceAll((name, value) -> stored.getOrDefault(name, value));
        return submitted(fields.get("messagesPerSecond"), fields.get("maxConnections"), fields.get("maxPromptChars"),
                fields.get("seedMode"), fields.get("defaultSeed"), fields.get("maxBatch"), fields.get("maxClips"));
    }

    /** The same form with a message for each bad field; empty {@link #errors()} when all are good. */
    SettingsForm validated() {
        Map<String, String> problems = new LinkedHashMap<>();
        whole(messagesPerSecond, 1, MAX_RATE, "messagesPerSecond", problems);
        whole(maxConnections, 1, MAX_CONNECTIONS, "maxConnections", problems);
        whole(maxPromptChars, 1, MAX_PROMPT_CHARS, "maxPromptChars", problems);
        whole(defaultSeed, 0, PromptPolicy.MAX_SEED, "defaultSeed", problems);
        whole(maxBatch, 1, MAX_BATCH, "maxBatch", problems);
        whole(maxVideos, 1, MAX_VIDEOS, "maxClips", problems);
        if (mode() == null) {
            problems.put("seedMode", "choose fixed or random");
        }
        return new SettingsForm(messagesPerSecond, maxConnections, maxPromptChars, seedMode, defaultSeed, maxBatch, maxVideos,
                problems);
    }

    /** Applies a form whose {@link #validated()} had no errors. */
    void applyTo(LiveSettings settings, PromptPolicy policy) {
        settings.setMessagesPerSecond(Integer.parseInt(messagesPerSecond.strip()));
        settings.setMaxConnections(Integer.parseInt(maxConnections.strip()));
        policy.setMaxChars(Integer.parseInt(maxPromptChars.strip()));
        settings.setDefaultSeed(Long.parseLong(defaultSeed.strip()));
        settings.setSeedMode(mode());
        settings.setMaxBatch(Integer.parseInt(maxBatch.strip()));
        settings.setMaxVideos(Integer.parseInt(maxVideos.strip()));
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean isRandom() {
        return "random".equals(seedMode);
    }

    private SeedMode mode() {
        for (SeedMode mode : SeedMode.values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(seedMode)) {
                return mode;
            }
        }
        return null;
    }

    private static void whole(String text, long min, long max, String field, Map<String, String> problems) {
        try {
            long value = Long.parseLong(text == null ? "" : text.strip());
            if (value >= min && value <= max) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        problems.put(field, "a whole number from " + min + " to " + max);
    }
}
