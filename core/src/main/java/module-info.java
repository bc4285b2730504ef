/** The Herald actor library (under construction: see the issues for what is built). */
module dev.herald.core {
    requires transitive dev.herald.signatures;
    requires transitive dev.herald.webfinger;
}
