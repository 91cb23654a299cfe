package dev.livediffusion.http;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Words the pages show people: counted nouns and dates, rather than "1 pictures" and ISO timestamps. */
@TemplateExtension
public final class PageText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private PageText() {
    }

    /** "1 picture", "3 pictures": {@code {gallery.itemCount.counted('picture')}}. */
    public static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** "6 December 2026, 21:04 UTC"; the pages' script shows it in the reader's own time zone. */
    public static String readable(Instant time) {
        return DATE.format(time);
    }
}
