package dev.parley.loadtest.generator;

import java.util.Locale;

/** The shape of a WhatsApp text export's message header. Telegram JSON ignores it. */
public enum ExportStyle {
    /** Android, day first, 24-hour clock: {@code 31/12/16, 23:59 - Name: text}. */
    ANDROID_24H("android24"),
    /** Android in US English, month first, 12-hour clock with U+202F before AM/PM: {@code 12/31/16, 11:59 PM - Name: text}. */
    US_12H("us12"),
    /** iOS, day first, seconds, square brackets: {@code [31/12/2016, 23:59:59] Name: text}. */
    IOS("ios");

    private final String cliName;

    ExportStyle(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line: {@code android24}, {@code us12} or {@code ios}. */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name (case-insensitive). */
    public static ExportStyle fromCliName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ExportStyle style : values()) {
            if (style.cliName.equals(wanted)) {
                return style;
            }
        }
        throw new IllegalArgumentException("Unknown style '" + name + "'; use android24, us12 or ios");
    }
}
