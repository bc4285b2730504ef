/** HTTP Message Signatures for the fediverse: draft-cavage-12 and RFC 9421, digests and keys. */
module dev.herald.signatures {
    requires org.bouncycastle.provider;

    exports dev.herald.signatures;
    exports dev.herald.signatures.sfv;
}
