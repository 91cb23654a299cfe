package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineSettings;
import dev.livediffusion.engine.InferenceEngines;
import dev.livediffusion.generation.tokenizer.ClipTokenizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The text encoder runs once per prompt: typing sends the same words again and again. */
class PromptEncoderTest {

    @Test
    void aPromptIsEncodedOnceAndItsSpellingVariantsShareTheResult() throws IOException {
        ModelFolder folder = new ModelFolder(Path.of("src/test/resources/models/tiny-sd-turbo"));
        InferenceEngines engines = InferenceEngines.open(folder.name(), EngineSettings.onCpu(1));
        try (PromptEncoder prompts = new PromptEncoder(List.of(
                new ClipTextEncoder(ClipTokenizer.load(folder.tokenizer()), engines.stage(folder.textEncoder()))))) {
            TextConditioning first = prompts.encode("a red circle");
            assertSame(first, prompts.encode("a red circle"), "the cached conditioning, not a new run");
            assertSame(first, prompts.encode("  A red   CIRCLE "), "the same words as CLIP reads them");
            assertNotSame(first, prompts.encode("a red circle on a gray background"));
        }
    }
}
