package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpFieldsTest {
    @Test
    void namesAreCaseInsensitiveAndOrderIsKept() {
        HttpFields fields = HttpFields.of("Accept", "a", "Host", "h", "ACCEPT", "b");
        assertThat(fields.values("accept")).containsExactly("a", "b");
        assertThat(fields.first("HOST")).contains("h");
        assertThat(fields.lines()).extracting(java.util.Map.Entry::getKey).containsExactly("Accept", "Host", "ACCEPT");
    }

    @Test
    void combinedTrimsEachLineAndJoinsWithCommaSpace() {
        HttpFields fields = HttpFields.of("Cache-Control", "  max-age=60 ", "cache-control", "\tmust-revalidate");
        assertThat(fields.combined("cache-control")).contains("max-age=60, must-revalidate");
        assertThat(fields.combined("absent")).isEmpty();
    }

    @Test
    void replacingAndWithoutReturnNewFields() {
        HttpFields fields = HttpFields.of("Date", "x", "Date", "y");
        assertThat(fields.replacing("date", "z").values("date")).containsExactly("z");
        assertThat(fields.without("DATE").isEmpty()).isTrue();
        assertThat(fields.values("date")).containsExactly("x", "y");
    }

    @Test
    void refusesHeaderInjection() {
        assertThatThrownBy(() -> HttpFields.of("X", "a\r\nEvil: yes")).hasMessageContaining("CR, LF");
        assertThatThrownBy(() -> HttpFields.of("Bad Name", "v")).hasMessageContaining("not an HTTP token");
        assertThatThrownBy(() -> HttpFields.of("odd")).hasMessageContaining("odd count");
    }
}
