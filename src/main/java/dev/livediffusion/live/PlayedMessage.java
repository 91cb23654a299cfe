package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.prompt.PromptPolicy;

/**
 * {@code {"type":"played","clip":"…","index":i}}: the client has frame {@code index} of the clip on screen. The server
 * makes the clip {@code app.live.clip-lead} ahead of it, so steering lands within that lead. A report, not a request:
 * it carries no seq and takes no part in the seq order (a client may send it from its player's clock).
 */
record PlayedMessage(String clip, int index) implements ClientMessage {

    /** Outside the seq order. */
    @Override
    public long seq() {
        return -1;
    }

    /** Clip ids are UUIDs (36 characters); anything longer is not one of ours. */
    private static final int MAX_CLIP_ID = 64;

    static PlayedMessage from(JsonNode node, LiveSettings settings) {
        JsonNode clip = node.get("clip");
        if (clip == null || !clip.isTextual() || clip.asText().length() > MAX_CLIP_ID) {
            throw new ProtocolException("bad_played", null, "\"clip\" must be the id of a clip this connection plays");
        }
        Long index = PromptPolicy.wholeNumber(node.get("index"));
        if (index == null || index < 0 || index >= settings.maxVideoFrames()) {
            throw new ProtocolException("bad_played", null,
                    "\"index\" must be an integer from 0 to " + (settings.maxVideoFrames() - 1));
        }
        return new PlayedMessage(clip.asText(), index.intValue());
    }
}
