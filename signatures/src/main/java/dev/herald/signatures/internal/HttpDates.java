package dev.herald.signatures.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * HTTP dates ({@code Sun, 06 Nov 1994 08:49:37 GMT}, RFC 9110's IMF-fixdate), written and read on every signed
 * request. {@link DateTimeFormatter} costs several microseconds a call, more than the rest of a signature check
 * but the RSA operation: writing reuses the string of the current second, and reading takes the fixed layout
 * directly, leaving every other form (one-digit days, numeric offsets, no day name) to
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME}, so both accept and refuse exactly what that formatter does.
 *
 * <p>Not part of Herald's API: this package is not exported. Thread-safe.
 */
public final class HttpDates {
    /** The IMF-fixdate layout, English names, GMT. */
    public static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** The last second written and its text, published together. */
    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private HttpDates() {}

    private record Formatted(long epochSecond, String text) {}

    /** {@code instant} as an IMF-fixdate, to the second. */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        Formatted cached = last;
        if (cached.epochSecond == second) {
            return cached.text;
        }
        String text = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
        last = new Formatted(second, text);
        return text;
    }

    /**
     * Reads an HTTP date as {@link DateTimeFormatter#RFC_1123_DATE_TIME} does.
     *
     * @throws DateTimeParseException if it is not one
     */
    public static Instant parse(String value) {
        Instant fast = parseFixdate(value);
        return fast != null
                ? fast
                : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
    }

    /** The instant of an exact IMF-fixdate whose day name matches its date, else null. */
    private static Instant parseFixdate(String v) {
        if (v.length() != 29
                || v.charAt(3) != ','
                || v.charAt(4) != ' '
                || v.charAt(7) != ' '
                || v.charAt(11) != ' '
                || v.charAt(16) != ' '
                || v.charAt(19) != ':'
                || v.charAt(22) != ':'
                || !v.endsWith(" GMT")) {
            return null;
        }
        int day = digits(v, 5, 2);
        int month = MONTHS.indexOf(v.substring(8, 11));
        int year = digits(v, 12, 4);
        int hour = digits(v, 17, 2);
        int minute = digits(v, 20, 2);
        int second = digits(v, 23, 2);
        if (day < 0 || month < 0 || month % 3 != 0 || year < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month / 3 + 1, day);
        } catch (DateTimeException e) {
            return null;
        }
        DayOfWeek weekday = date.getDayOfWeek();
        if (!v.startsWith(DAYS[weekday.ordinal()])) {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second);
    }

    /** The non-negative number in {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
