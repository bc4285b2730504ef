package dev.herald.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.signatures.HttpFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeraldRequestResponseTest {
    @Test
    void aRequestSplitsItsTargetAndKeepsItsBodyToItself() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        HeraldRequest request = HeraldRequest.of("get", "/ap/actors/news?page=1&x=%20", HttpFields.empty())
                .withBody(body);
        body[0] = 'j';
        assertThat(request.path()).isEqualTo("/ap/actors/news");
        assertThat(request.rawQuery()).isEqualTo("page=1&x=%20");
        assertThat(request.target()).isEqualTo("/ap/actors/news?page=1&x=%20");
        assertThat(request.normalizedMethod()).isEqualTo("GET");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        request.body()[0] = 'j';
        assertThat(request.bodyLength()).isEqualTo(5);
        assertThat(request)
                .isEqualTo(HeraldRequest.of("get", "/ap/actors/news?page=1&x=%20", HttpFields.empty())
                        .withBody("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.hashCode())
                .isEqualTo(request.withBody(request.body()).hashCode());
        assertThat(request.toString()).isEqualTo("HeraldRequest[get /ap/actors/news?page=1&x=%20, 5 bytes]");
        assertThat(HeraldRequest.get("/", HttpFields.empty()).target()).isEqualTo("/");
    }

    @Test
    void aRequestNeedsAMethodAndAnAbsolutePath() {
        assertThatThrownBy(() -> HeraldRequest.get("relative", HttpFields.empty()))
                .hasMessageContaining("path");
        assertThatThrownBy(() -> HeraldRequest.of(" ", "/", HttpFields.empty())).hasMessageContaining("method");
        assertThatThrownBy(() -> new HeraldRequest("GET", "/", null, HttpFields.empty(), new byte[0]))
                .hasMessageContaining("rawQuery");
    }

    @Test
    void aResponseKeepsItsBodyToItselfAndDropsItForHead() {
        HeraldResponse response = new HeraldResponse(
                200, HttpFields.of("Content-Type", "text/plain"), "ok".getBytes(StandardCharsets.UTF_8));
        assertThat(response.bodyText()).isEqualTo("ok");
        response.body()[0] = 'n';
        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(response.header("content-type")).contains("text/plain");
        HeraldResponse head = response.withoutBody();
        assertThat(head.bodyLength()).isZero();
        assertThat(head.headers()).isEqualTo(response.headers());
        assertThat(response)
                .isEqualTo(new HeraldResponse(
                        200, HttpFields.of("Content-Type", "text/plain"), "ok".getBytes(StandardCharsets.UTF_8)));
        assertThat(response).isNotEqualTo(head);
        assertThat(response.toString()).isEqualTo("HeraldResponse[200, 2 bytes]");
        assertThatThrownBy(() -> new HeraldResponse(99, HttpFields.empty(), new byte[0]))
                .hasMessageContaining("status");
    }
}
