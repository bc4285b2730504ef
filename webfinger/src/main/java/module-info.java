/**
 * RFC 7033 WebFinger: serving a site's handles and looking up other people's.
 *
 * <p>{@link dev.herald.webfinger.WebFingerServer} answers {@code /.well-known/webfinger} and
 * {@code /.well-known/host-meta}; {@link dev.herald.webfinger.WebFingerClient} finds a remote actor from its handle.
 * The {@code internal} package is not exported and may change without notice.
 */
module dev.herald.webfinger {
    requires transitive jakarta.json;
    requires java.net.http;
    requires java.xml;

    exports dev.herald.webfinger;
}
