package dev.livediffusion.blocklist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockRuleTest {

    @Test
    void aWordIsBlockedWholeAndAsTheKeystrokesBeforeItsEndAsLongAsFourLettersAreTyped() {
        BlockRule purple = BlockRule.of(BlockRule.Kind.WORD, "purple");
        for (String prompt : new String[] {"a big purple heart", "a big purpl", "a big PURP", "purpl circle"}) {
            assertTrue(purple.matches(prompt), prompt);
        }
        for (String prompt : new String[] {"a big pur", "a purse", "purples", "a purplish heart", "a pur ple"}) {
            assertFalse(purple.matches(prompt), prompt);
        }
        BlockRule red = BlockRule.of(BlockRule.Kind.WORD, "red");
        assertTrue(red.matches("a red star"));
        assertFalse(red.matches("a re star"), "short words are blocked whole only");
        BlockRule phrase = BlockRule.of(BlockRule.Kind.WORD, "forbidden fruit");
        assertTrue(phrase.matches("a bowl of forbidden  frui"));
        assertFalse(phrase.matches("a bowl of forbid fruit"), "only the last word is cut short");
    }
}
