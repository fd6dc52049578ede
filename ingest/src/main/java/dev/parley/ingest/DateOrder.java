package dev.parley.ingest;

/** The order of day, month and year in WhatsApp message headers. */
public enum DateOrder {
    /** Infer from the data with bounded look-ahead (a field above 12, time never running backwards). */
    AUTO,
    /** Day, month, year: {@code 31/12/2024}. */
    DMY,
    /** Month, day, year: {@code 12/31/24}. */
    MDY,
    /** Year, month, day: {@code 2024-12-31}. */
    YMD
}
