package dev.herald.webfinger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void splitsAndDecodesRepeatedParameters() throws Exception {
        assertThat(QueryString.parse("resource=acct%3Aa%40b&rel=self&rel=x%2Fy&flag&&=v"))
                .containsEntry("resource", List.of("acct:a@b"))
                .containsEntry("rel", List.of("self", "x/y"))
                .containsEntry("flag", List.of(""))
                .containsEntry("", List.of("v"));
    }

    @Test
    void keepsAPlusAsAPlus() throws Exception {
        assertThat(QueryString.parse("resource=acct:a+b@c")).containsEntry("resource", List.of("acct:a+b@c"));
    }

    @Test
    void decodesUtf8() throws Exception {
        assertThat(QueryString.parse("r=j%C3%BCrgen&s=ü"))
                .containsEntry("r", List.of("jürgen"))
                .containsEntry("s", List.of("ü"));
    }

    @Test
    void isEmptyForAnEmptyQuery() throws Exception {
        assertThat(QueryString.parse("")).isEmpty();
    }

    @Test
    void rejectsControlCharactersAndBrokenEncoding() {
        assertThatThrownBy(() -> QueryString.parse("r=a\u0000")).hasMessageContaining("control");
        assertThatThrownBy(() -> QueryString.parse("r=a\u007f")).hasMessageContaining("control");
        assertThatThrownBy(() -> QueryString.parse("r=%G0")).hasMessageContaining("invalid percent");
        assertThatThrownBy(() -> QueryString.parse("r=%\uFF11\uFF11")).hasMessageContaining("invalid percent");
        assertThatThrownBy(() -> QueryString.parse("r=%E2%82")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> QueryString.parse("r%=x")).hasMessageContaining("truncated");
    }

    @Test
    void encodesEverythingButUnreservedCharactersForAQueryValue() {
        assertThat(Percent.encodeQueryValue("acct:jürgen+x@example.org"))
                .isEqualTo("acct%3Aj%C3%BCrgen%2Bx%40example.org");
        assertThat(Percent.encodeQueryValue("a-b._~")).isEqualTo("a-b._~");
    }
}
