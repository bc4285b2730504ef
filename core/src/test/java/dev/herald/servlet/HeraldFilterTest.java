package dev.herald.servlet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.Federation;
import dev.herald.core.TestFederations;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Starting the filter declared in web.xml: the federation comes from a servlet context attribute. */
class HeraldFilterTest {
    private static FilterConfig config(Object attribute) {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) ->
                        method.getName().equals("getAttribute") && HeraldFilter.FEDERATION_ATTRIBUTE.equals(args[0])
                                ? attribute
                                : null);
        return (FilterConfig) Proxy.newProxyInstance(
                FilterConfig.class.getClassLoader(),
                new Class<?>[] {FilterConfig.class},
                (proxy, method, args) -> method.getName().equals("getServletContext") ? context : null);
    }

    @Test
    void readsTheFederationFromTheServletContext() {
        Federation federation = TestFederations.standard();
        assertThatCode(() -> new HeraldFilter().init(config(federation))).doesNotThrowAnyException();
    }

    @Test
    void saysWhatToDoWhenThereIsNoFederation() {
        assertThatThrownBy(() -> new HeraldFilter().init(config(null)))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining(HeraldFilter.FEDERATION_ATTRIBUTE);
        assertThatThrownBy(() -> new HeraldFilter().init(config("not a federation")))
                .isInstanceOf(ServletException.class);
    }

    @Test
    void aFilterGivenItsFederationIgnoresTheContext() {
        assertThatCode(() -> new HeraldFilter(TestFederations.standard()).init(config(null)))
                .doesNotThrowAnyException();
    }
}
