package dev.livediffusion.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {

    @Test
    void countsWhatEncodingWouldGive() {
        for (String text : new String[] {"", "a red circle", "crème brûlée", "東京の夜", "a 🎈 and a 🐱", "ü東🎈"}) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text), text);
        }
    }
}
