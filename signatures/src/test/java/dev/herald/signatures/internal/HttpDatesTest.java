package dev.herald.signatures.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {
    private static Instant reference(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    @Property
    void writesAndReadsEverySecondAsTheJdkFormatterDoes(
            @ForAll @LongRange(min = -2_208_988_800L, max = 253_402_300_799L) long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        String text = HttpDates.format(instant);
        assertThat(text).isEqualTo(HttpDates.IMF_FIXDATE.format(instant));
        assertThat(HttpDates.parse(text)).isEqualTo(instant).isEqualTo(reference(text));
    }

    @Test
    void formatsToTheSecondAndReusesTheSecondsText() {
        Instant t = Instant.parse("1994-11-06T08:49:37.250Z");
        assertThat(HttpDates.format(t)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.format(t.plusMillis(700))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.format(t.plusMillis(750))).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sun, 6 Nov 1994 08:49:37 GMT", // one-digit day
                "Sun, 06 Nov 1994 08:49:37 +0000", // numeric offset
                "Sun, 06 Nov 1994 10:49:37 +0200",
                "06 Nov 1994 08:49:37 GMT", // no day name
                "Sun, 06 Nov 1994 08:49 GMT", // no seconds
                "sun, 06 nov 1994 08:49:37 gmt", // the JDK reads it case-insensitively
            })
    void leavesTheOtherRfc1123FormsToTheJdkFormatter(String value) {
        assertThat(HttpDates.parse(value)).isEqualTo(reference(value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Mon, 06 Nov 1994 08:49:37 GMT", // the wrong day name
                "Sun, 31 Nov 1994 08:49:37 GMT", // no such date
                "Sun, 06 Foo 1994 08:49:37 GMT",
                "Sun, 06 ovN 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 24:49:37 GMT",
                "Sun, 06 Nov 1994 08:60:37 GMT",
                "Sun, 06 Nov 1994 08:49:61 GMT",
                "Sun, 06 Nov 19x4 08:49:37 GMT",
                "Sun, 06 Nov 1994 08:49:37 UTC",
                "Sunday, 06-Nov-94 08:49:37 GMT", // RFC 850
                "Sun Nov  6 08:49:37 1994", // asctime
                "1994-11-06T08:49:37Z",
                "",
            })
    void refusesWhatTheJdkFormatterRefuses(String value) {
        assertThatThrownBy(() -> reference(value)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> HttpDates.parse(value)).isInstanceOf(DateTimeParseException.class);
    }
}
