/** RFC 7033 WebFinger: serving a site's handles and looking up other people's. */
module dev.herald.webfinger {
    requires transitive jakarta.json;
    requires java.net.http;
}
