package dev.herald.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesOneMemberAsTheProviderReadsIt() {
        byte[] bytes = Json.member("error", "a \"quoted\" \\ path\nwith\ttabs \u0001 and é ☃");
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"a \\\"quoted\\\" \\\\ path\\nwith\\ttabs \\u0001 and é ☃\"}");
        assertThat(Json.parse(new String(bytes, StandardCharsets.UTF_8)).getString("error"))
                .isEqualTo("a \"quoted\" \\ path\nwith\ttabs \u0001 and é ☃");
    }

    @Test
    void anyTextRoundTripsThroughTheProvider() {
        Random random = new Random(20261122);
        for (int i = 0; i < 2_000; i++) {
            String n = text(random);
            String v = text(random);
            String written = new String(Json.member(n, v), StandardCharsets.UTF_8);
            assertThat(Json.parse(written).getString(n)).as(written).isEqualTo(v);
        }
    }

    /** Random text of every kind of character, without lone surrogates (no UTF-8 writer can write those). */
    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        while (s.length() < length) {
            int kind = random.nextInt(4);
            int cp = kind == 0
                    ? random.nextInt(0x80)
                    : kind == 1
                            ? random.nextInt(0x20)
                            : kind == 2 ? random.nextInt(0xD800) : 0x10000 + random.nextInt(0x10000);
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
