package dev.livediffusion.live;

/** {@code {"type":"stop","seq":N}}: ends the connection's running video after the frame in progress. */
record StopMessage(long seq) implements ClientMessage {
}
