package dev.livediffusion.live;

/** {@code {"type":"stop","seq":N}}: ends the connection's running clip after the frame in progress. */
record StopMessage(long seq) implements ClientMessage {
}
