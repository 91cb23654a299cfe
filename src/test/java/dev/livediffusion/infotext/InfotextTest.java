package dev.livediffusion.infotext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InfotextTest {

    @Test
    void writesA1111sLine() {
        Infotext text = new Infotext("a red circle\non blue", OptionalInt.of(1), 42, 512, 512, "embedded-image");
        assertEquals("a red circle\non blue\nSteps: 1, Sampler: Euler a, CFG scale: 1, Seed: 42, Size: 512x512,"
                + " Model: embedded-image", text.text());
        assertEquals("x\nSampler: Euler a, CFG scale: 1, Seed: 7, Size: 64x32, Model: \"my, model\"",
                new Infotext("x", OptionalInt.empty(), 7, 64, 32, "my, model").text(), "unknown steps left out, a"
                + " value with a comma quoted");
    }

    @Test
    void readsA1111sDocumentedInfotextAsA1111Does() throws IOException {
        Map<String, String> expected = new ObjectMapper().readValue(fixture("infotext-parsed.json"),
                new TypeReference<>() { });
        assertEquals(expected, Infotext.parse(fixture("infotext.txt")));
    }

    @Test
    void readsItsOwnTextBack() {
        Infotext text = new Infotext("a star: \"big\"", OptionalInt.of(2), 9, 512, 512, "tiny, model");
        Map<String, String> parsed = Infotext.parse(text.text());
        assertEquals("a star: \"big\"", parsed.get("Prompt"));
        assertEquals("", parsed.get("Negative prompt"));
        assertEquals("9", parsed.get("Seed"));
        assertEquals("2", parsed.get("Steps"));
        assertEquals("tiny, model", parsed.get("Model"));
        assertEquals("512", parsed.get("Size-2"));
    }

    @Test
    void aLastLineWithFewerThanThreeParametersIsPrompt() {
        assertEquals(Map.of("Prompt", "a dog\nnote: good", "Negative prompt", ""), Infotext.parse("a dog\nnote: good"));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = InfotextTest.class.getResourceAsStream("/a1111/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
