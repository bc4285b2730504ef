package dev.herald.signatures;

/** The two HTTP signature specifications that the fediverse uses. */
public enum SignatureSpec {
    /**
     * draft-cavage-http-signatures-12: the {@code Signature} header that Mastodon, Pleroma, Misskey and
     * GoToSocial send today.
     */
    DRAFT_CAVAGE_12,
    /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} and {@code Signature}. */
    RFC_9421;

    /** The other specification: what a double-knock falls back to. */
    public SignatureSpec other() {
        return this == DRAFT_CAVAGE_12 ? RFC_9421 : DRAFT_CAVAGE_12;
    }
}
