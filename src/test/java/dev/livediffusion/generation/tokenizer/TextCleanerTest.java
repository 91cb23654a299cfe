package dev.livediffusion.generation.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expectations are what the original's clean-up (Python str methods, regex module) returns for the same input. */
class TextCleanerTest {

    @Test
    void unescapesTwiceThenComposes() {
        assertEquals("<b>", TextCleaner.clean("&amp;lt;B&gt;"));
        assertEquals("\u00e9", TextCleaner.clean("e\u0301"));
    }

    @Test
    void foldsUnicodeWhiteSpaceAndTrimsWhatPythonTrims() {
        assertEquals("a b\u001c c", TextCleaner.clean("\u00a0A\u2003\u2003b\u001c c\u001c"));
        assertEquals("\u200b x", TextCleaner.clean("\u001c\u200b x"));
    }

    @Test
    void lowerCasesSigmaByThePythonFinalSigmaContext() {
        assertEquals("\u03bf\u03b4\u03bf\u03c23", TextCleaner.clean("\u039f\u0394\u039f\u03a33"));
        assertEquals("\u03bf\u03b4\u03bf\u03c3\u2019s", TextCleaner.clean("\u039f\u0394\u039f\u03a3\u2019s"));
        assertEquals("\u03b1\u03c2 \u03c3", TextCleaner.clean("\u0391\u03a3 \u03a3"));
        assertEquals("\u03b1\u03c3\u0301\u03b2", TextCleaner.clean("\u0391\u03a3\u0301\u0392"));
        assertEquals("i\u0307", TextCleaner.clean("\u0130"));
    }
}
