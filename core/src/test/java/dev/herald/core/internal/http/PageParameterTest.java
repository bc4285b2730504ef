package dev.herald.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageParameterTest {
    @Test
    void noQueryOrNoPageParameterIsTheCollection() {
        assertThat(PageParameter.parse("").requested()).isFalse();
        assertThat(PageParameter.parse("foo=bar").requested()).isFalse();
    }

    @Test
    void pageOneIsTheFirstPage() {
        PageParameter first = PageParameter.parse("page=1");
        assertThat(first.requested()).isTrue();
        assertThat(first.cursor()).isEmpty();
    }

    @Test
    void cursorsRoundTripThroughTheUrlSafeEncoding() {
        String cursor = "https://mastodon.example/users/alice?x=1&y=2";
        String encoded = PageParameter.encode(cursor);
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(PageParameter.parse("page=" + encoded).cursor()).contains(cursor);
        assertThat(PageParameter.parse("x=1&page=" + encoded + "&y=2").cursor()).contains(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=%zz", "page=1&page=2", "page=", "page=!!!", "page=a"})
    void malformedPagesAreBadRequests(String query) {
        assertThatThrownBy(() -> PageParameter.parse(query)).isInstanceOf(PageParameter.BadRequest.class);
    }

    @Test
    void anOverlongQueryIsABadRequest() {
        assertThatThrownBy(() -> PageParameter.parse("page=" + "a".repeat(5000)))
                .isInstanceOf(PageParameter.BadRequest.class)
                .hasMessageContaining("longer than");
    }
}
