package dev.livediffusion.admin.dashboard;

import io.quarkus.qute.TemplateExtension;

import java.util.Locale;

/** Number formatting for the dashboard templates: {@code {x.oneDecimal}}, {@code {n.percentOf(max)}}. */
@TemplateExtension
public final class NumberFormats {

    private NumberFormats() {
    }

    static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static long percentOf(long value, long whole) {
        return whole <= 0 ? 0 : value * 100 / whole;
    }
}
