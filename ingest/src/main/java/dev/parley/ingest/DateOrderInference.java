package dev.parley.ingest;

import dev.parley.ingest.ParseReport.DateOrderSource;

/**
 * Decides day/month order from evidence in the headers: a four-digit first field means YMD; a first or second
 * field above 12 is a day; otherwise the order under which dates never run backwards wins. Without evidence the
 * caller falls back once its bounded look-ahead is full.
 */
final class DateOrderInference {

    private DateOrder order = DateOrder.AUTO;
    private DateOrderSource source = DateOrderSource.FALLBACK;
    private long previousDmy = -1;
    private long previousMdy = -1;
    private boolean twelveHourWithSlashes;

    DateOrderInference(DateOrder option) {
        if (option != DateOrder.AUTO) {
            order = option;
            source = DateOrderSource.OPTION;
        }
    }

    boolean decided() {
        return order != DateOrder.AUTO;
    }

    DateOrder order() {
        return order;
    }

    DateOrderSource source() {
        return source;
    }

    void observe(WhatsAppHeader h) {
        if (decided()) {
            return;
        }
        twelveHourWithSlashes = h.period != 0 && h.dateSeparator == '/';
        if (h.field1Digits == 4) {
            decide(DateOrder.YMD, DateOrderSource.YEAR_FIRST);
            return;
        }
        if (h.field1 > 12 && h.field2 <= 12) {
            decide(DateOrder.DMY, DateOrderSource.DAY_ABOVE_12);
            return;
        }
        if (h.field2 > 12 && h.field1 <= 12) {
            decide(DateOrder.MDY, DateOrderSource.DAY_ABOVE_12);
            return;
        }
        long year = h.field3;
        long dmy = (year * 16 + h.field2) * 32 + h.field1;
        long mdy = (year * 16 + h.field1) * 32 + h.field2;
        if (previousDmy >= 0) {
            boolean dmyBackwards = dmy < previousDmy;
            boolean mdyBackwards = mdy < previousMdy;
            if (dmyBackwards && !mdyBackwards) {
                decide(DateOrder.MDY, DateOrderSource.CHRONOLOGY);
                return;
            }
            if (mdyBackwards && !dmyBackwards) {
                decide(DateOrder.DMY, DateOrderSource.CHRONOLOGY);
                return;
            }
        }
        previousDmy = dmy;
        previousMdy = mdy;
    }

    /** No evidence within the look-ahead: DMY (most locales), MDY for 12-hour clocks with slashes (US). */
    void fallBack() {
        if (!decided()) {
            decide(twelveHourWithSlashes ? DateOrder.MDY : DateOrder.DMY, DateOrderSource.FALLBACK);
        }
    }

    private void decide(DateOrder order, DateOrderSource source) {
        this.order = order;
        this.source = source;
    }
}
