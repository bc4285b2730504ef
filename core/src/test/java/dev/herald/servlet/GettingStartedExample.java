package dev.herald.servlet;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.util.EnumSet;

/** The example of {@code docs/getting-started.md}, kept here so that it keeps compiling. */
public class GettingStartedExample implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        Federation federation = Federation.builder()
                .origin(URI.create("https://www.example.org")) // what visitors type, also behind a proxy
                .handleHost("example.org") // @news@example.org (optional)
                .addActor(ActorProfile.builder("news")
                        .name("Example News")
                        .summary("<p>Announcements from <a href=\"https://www.example.org/\">Example</a>.</p>")
                        .profileUrl(URI.create("https://www.example.org/news/"))
                        .icon(URI.create("https://www.example.org/logo.png"), "image/png", "The Example logo")
                        .header(URI.create("https://www.example.org/header.jpg"), "image/jpeg", "Our office")
                        .addField("Website", "<a href=\"https://www.example.org/\" rel=\"me\">www.example.org</a>")
                        .addAttributionDomain("example.org")
                        .build())
                .build();
        event.getServletContext()
                .addFilter("herald", new HeraldFilter(federation))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
