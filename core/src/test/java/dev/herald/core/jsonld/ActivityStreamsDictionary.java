package dev.herald.core.jsonld;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tokens of ActivityStreams JSON for the fuzzer to splice into inputs (docs/fuzzing.md), shared by the fuzz tests
 * that read documents. Put it before {@code @FuzzTest}, which must be the last annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@DictionaryEntries({
    "\"@context\"",
    "\"https://www.w3.org/ns/activitystreams\"",
    "\"https://w3id.org/security/v1\"",
    "\"@id\"",
    "\"@type\"",
    "\"@vocab\"",
    "\"id\"",
    "\"type\"",
    "\"actor\"",
    "\"object\"",
    "\"Follow\"",
    "\"Undo\"",
    "\"Delete\"",
    "\"Create\"",
    "\"Note\"",
    "\"as:Public\""
})
public @interface ActivityStreamsDictionary {}
