package dev.livediffusion.generation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each unpacking gets a folder of its own, and the folder keeps the model's name, which users see. */
class EmbeddedModelUnpackTest {

    @Test
    void theUnpackedFolderIsNamedAsTheModelAndIsOwnedByOneUnpacking() {
        ModelFolder first = EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow();
        ModelFolder second = EmbeddedModel.unpack(EmbeddedModel.IMAGE).orElseThrow();
        assertEquals("embedded-image", first.name());
        assertNotEquals(first.root(), second.root());
        first.requireLayout();
        assertTrue(EmbeddedModel.unpack("no-such-model").isEmpty());
    }
}
