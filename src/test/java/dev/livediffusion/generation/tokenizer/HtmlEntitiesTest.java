package dev.livediffusion.generation.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Expectations are what Python's html.unescape returns for the same input. */
class HtmlEntitiesTest {

    @Test
    void decodesOneLevelOfNamedAndNumericReferences() {
        assertEquals("&amp;", HtmlEntities.unescape("&amp;amp;"));
        assertEquals("<b>", HtmlEntities.unescape("&#x3C;b&#62;"));
        assertEquals("\u00a0\u2aa2\u0338\u223e\u0333", HtmlEntities.unescape("&nbsp;&NotNestedGreaterGreater;&acE;"));
        assertEquals("&&Amp;", HtmlEntities.unescape("&AMP;&Amp;"));
    }

    @Test
    void decodesLegacyNamesWithoutSemicolonByLongestPrefix() {
        assertEquals("&foo <x", HtmlEntities.unescape("&ampfoo &ltx"));
        assertEquals("\u00acit;", HtmlEntities.unescape("&notit;"));
        assertEquals("\rA", HtmlEntities.unescape("&#13;&#65"));
    }

    @Test
    void mapsInvalidNumericReferencesAsHtml5Does() {
        assertEquals("\u20ac\u0178", HtmlEntities.unescape("&#128;&#x9F;"));
        assertEquals("\ufffd\ufffd\ufffd\ufffd", HtmlEntities.unescape("&#0;&#xD800;&#1114112;&#99999999999999999999;"));
        assertEquals("abcd", HtmlEntities.unescape("a&#1;b&#x7f;c&#xFFFF;d"));
    }

    @Test
    void leavesUnknownReferencesAndPlainTextAlone() {
        assertEquals("&unknown; &", HtmlEntities.unescape("&unknown; &"));
        String plain = "no references here";
        assertSame(plain, HtmlEntities.unescape(plain));
    }
}
