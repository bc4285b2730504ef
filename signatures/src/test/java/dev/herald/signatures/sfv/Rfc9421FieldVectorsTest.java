package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.herald.signatures.Vectors;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Structured Field values in the shared RFC 9421 vectors ({@code rfc9421/rfc9421-vectors.json}): every
 * {@code Signature-Input} and {@code Signature} value parses and serializes back to the same string, the
 * way an RFC 9421 verifier will use them.
 */
class Rfc9421FieldVectorsTest {
    private static JsonObject file;

    // Read lazily, so that missing vectors fail each test with the helper's explanation rather than with
    // an ExceptionInInitializerError.
    private static synchronized JsonObject file() {
        if (file == null) {
            try (JsonReader reader =
                    Json.createReader(new StringReader(Vectors.read("rfc9421/rfc9421-vectors.json")))) {
                file = reader.readObject();
            }
        }
        return file;
    }

    static Stream<Arguments> vectors() {
        return file().getJsonArray("vectors").getValuesAs(JsonObject.class).stream()
                .map(vector -> arguments(vector.getString("id"), vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureInputHeaderParsesAndSerializesUnchanged(String id, JsonObject vector) {
        String header = vector.getString("signature_input_header");
        assertThat(StructuredFields.parseDictionary(header).serialize()).isEqualTo(header);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureHeaderParsesAndSerializesUnchanged(String id, JsonObject vector) {
        String header = vector.getString("signature_header");
        assertThat(StructuredFields.parseDictionary(header).serialize()).isEqualTo(header);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureInputMemberIsTheLabelledInnerListAndSerializesUnchanged(String id, JsonObject vector) {
        String member = vector.getString("signature_input_member");
        Dictionary signatureInput = StructuredFields.parseDictionary(vector.getString("signature_input_header"));

        ListMember labelled = signatureInput.get(vector.getString("label")).orElseThrow();
        assertThat(labelled).isInstanceOf(InnerList.class);
        assertThat(labelled.serialize()).isEqualTo(member);
        assertThat(StructuredFields.parseList(member).members()).containsExactly(labelled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureParamsLineOfTheBaseIsTheSerializedMember(String id, JsonObject vector) {
        String base = vector.getString("signature_base");
        String prefix = "\"@signature-params\": ";
        String paramsLine = base.substring(base.lastIndexOf('\n') + 1);
        assertThat(paramsLine).startsWith(prefix);

        SfList parsed = StructuredFields.parseList(paramsLine.substring(prefix.length()));
        assertThat(parsed.serialize()).isEqualTo(vector.getString("signature_input_member"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureHeaderHoldsTheSignatureBytesUnderTheLabel(String id, JsonObject vector) {
        Dictionary signature = StructuredFields.parseDictionary(vector.getString("signature_header"));

        ListMember labelled = signature.get(vector.getString("label")).orElseThrow();
        assertThat(labelled).isInstanceOf(Item.class);
        BareItem value = ((Item) labelled).value();
        assertThat(value).isInstanceOf(BareItem.ByteSequence.class);
        assertThat(((BareItem.ByteSequence) value).value())
                .isEqualTo(Base64.getDecoder().decode(vector.getString("signature_b64")));
    }

    @Test
    void fieldSyntaxExamplesOfSections4And5Parse() {
        JsonObject examples = file().getJsonObject("field_examples_parse_only");
        List<String> fields = examples.values().stream()
                .filter(value -> value.getValueType() == JsonValue.ValueType.STRING)
                .map(value -> ((JsonString) value).getString())
                .filter(field -> field.contains(": "))
                .toList();
        assertThat(fields).hasSize(3);
        for (String field : fields) {
            String value = field.substring(field.indexOf(": ") + 2);
            assertThat(StructuredFields.parseDictionary(value).serialize()).isEqualTo(value);
        }
    }

    @Test
    void acceptSignatureKeepsABareCreatedParameter() {
        String field = file().getJsonObject("field_examples_parse_only").getString("accept_signature_section_5.1");
        InnerList sig1 = (InnerList) StructuredFields.parseDictionary(field.substring(field.indexOf(": ") + 2))
                .get("sig1")
                .orElseThrow();
        assertThat(sig1.parameters().get("created")).contains(BareItem.Boolean.TRUE);
        assertThat(sig1.parameters().asMap().keySet()).containsExactly("keyid", "created", "tag");
    }

    @Test
    void signatureParamsSerializationExampleOfSection2Point3() {
        String value =
                file().getJsonObject("signature_params_serialization_example").getString("value");
        InnerList params =
                (InnerList) StructuredFields.parseList(value).members().get(0);
        assertThat(params.items())
                .containsExactly(
                        Item.string("@target-uri"),
                        Item.string("@authority"),
                        Item.string("date"),
                        Item.string("cache-control"));
        assertThat(params.parameters().get("expires")).contains(new BareItem.Integer(1618884775));
        assertThat(params.serialize()).isEqualTo(value);
    }

    @Test
    void queryParamComponentKeepsItsNameParameter() {
        String header = "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\")"
                + ";created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"";
        InnerList components = (InnerList)
                StructuredFields.parseDictionary(header).get("sig-b22").orElseThrow();
        assertThat(components.items().get(2))
                .isEqualTo(Item.string("@query-param").withParameter("name", new BareItem.String("Pet")));
        assertThat(components.parameters().get("tag")).contains(new BareItem.String("header-example"));
    }

    @Test
    void contentDigestOfTheTestMessagesParses() {
        for (String message : List.of("test_request", "test_response")) {
            String digest = file().getJsonObject(message).getJsonArray("headers").getValuesAs(JsonArray.class).stream()
                    .filter(header -> header.getString(0).equals("Content-Digest"))
                    .map(header -> header.getString(1))
                    .findFirst()
                    .orElseThrow();
            Dictionary parsed = StructuredFields.parseDictionary(digest);
            assertThat(parsed.get("sha-512")).containsInstanceOf(Item.class);
            assertThat(parsed.serialize()).isEqualTo(digest);
        }
    }

    /** The two field shapes named in the design brief for the RFC 9421 work. */
    @Test
    void briefExamplesParse() {
        String input =
                "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\")"
                        + ";created=1618884473;keyid=\"test-key-rsa-pss\"";
        Dictionary signatureInput = StructuredFields.parseDictionary(input);
        InnerList sig1 = (InnerList) signatureInput.get("sig1").orElseThrow();
        assertThat(sig1.items()).hasSize(6).first().isEqualTo(Item.string("@method"));
        assertThat(sig1.parameters().get("created")).contains(new BareItem.Integer(1618884473));
        assertThat(sig1.parameters().get("keyid")).contains(new BareItem.String("test-key-rsa-pss"));
        assertThat(signatureInput.serialize()).isEqualTo(input);

        // 28 base64 characters are a whole number of quanta, so the "==" is excess padding: accepted, and
        // dropped when serialized.
        Dictionary signature = StructuredFields.parseDictionary("sig1=:HIbjHC5rS0BYaa9v4QfD4193TPVw==:");
        assertThat(signature.get("sig1"))
                .contains(Item.byteSequence(Base64.getDecoder().decode("HIbjHC5rS0BYaa9v4QfD4193TPVw")));
        assertThat(signature.serialize()).isEqualTo("sig1=:HIbjHC5rS0BYaa9v4QfD4193TPVw:");
    }
}
