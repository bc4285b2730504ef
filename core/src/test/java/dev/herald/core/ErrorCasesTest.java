package dev.herald.core;

import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.HttpFields;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input is a 4xx with a JSON reason, a broken store a 503: never a 500, never an exception. */
class ErrorCasesTest {
    private final Federation federation = TestFederations.standard();

    @Test
    void aStoreThatFailsIsA503WithAReason() {
        InMemoryStore healthy = TestFederations.store();
        ObjectStore failing = (ObjectStore) Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("database is down");
                });
        // Everything works but the object store: delegate the rest to a healthy store.
        HeraldStore broken = (HeraldStore) Proxy.newProxyInstance(
                HeraldStore.class.getClassLoader(), new Class<?>[] {HeraldStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("objects")) {
                        return failing;
                    }
                    try {
                        return method.invoke(healthy, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Federation site = TestFederations.builder(healthy).store(broken).build();
        HeraldResponse response = answer(site, apGet("/ap/actors/news/outbox"));
        assertThat(response.status()).isEqualTo(503);
        assertThat(json(response).getString("error")).contains("try again later");
        assertThat(answer(site, apGet("/ap/objects/1")).status()).isEqualTo(503);
        assertThat(answer(site, apGet("/ap/actors/news")).status()).isEqualTo(200);
    }

    @Test
    void strangeMethodsPathsAndHeadersNeverThrow() {
        Random random = new Random(42);
        String[] methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"};
        String[] paths = {
            "/ap/actors/news", "/ap/actors/", "/ap/actors//inbox", "/ap/actors/news/outbox/", "/ap/actors/news/x/y",
            "/ap/nodeinfo/9.9", "/ap/%00", "/ap/actors/%6Eews", "/.well-known/webfinger", "/ap/inbox/"
        };
        String[] queries = {"", "page=1", "page=%", "page=1&page=1", "resource=acct:news@example.org", "a=%GG"};
        String[] accepts = {"", "application/activity+json", "text/html", "application/json;q=2", "*/*;q=0.5"};
        for (int i = 0; i < 400; i++) {
            HeraldRequest request = new HeraldRequest(
                    methods[random.nextInt(methods.length)],
                    paths[random.nextInt(paths.length)],
                    queries[random.nextInt(queries.length)],
                    HttpFields.of("Accept", accepts[random.nextInt(accepts.length)]),
                    new byte[random.nextInt(3) * 100]);
            Optional<HeraldResponse> response = federation.handle(request);
            response.ifPresent(r -> assertThat(r.status())
                    .as(request.toString())
                    .isBetween(200, 501)
                    .isNotEqualTo(500));
        }
    }

    @Test
    void errorBodiesAreJsonWithAnErrorMember() {
        HeraldResponse response = answer(federation, apGet("/ap/actors/news/followers?page=1&page=2"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(json(response).getString("error")).isEqualTo("more than one page parameter");
    }
}
