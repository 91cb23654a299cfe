package dev.livediffusion.live;

import java.time.Instant;

/** What the admin page shows of one open live connection. */
public record LiveSessionInfo(String id, String remoteAddress, Instant connectedSince, long prompts) {
}
