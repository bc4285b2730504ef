package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParametersTest {
    private static final BareItem ONE = new BareItem.Integer(1);
    private static final BareItem TWO = new BareItem.Integer(2);

    @Test
    void serializesKeyEqualsValueAndBareKeyForTrue() {
        Parameters parameters = Parameters.of(
                "created", new BareItem.Integer(1618884473),
                "keyid", new BareItem.String("test-key-rsa-pss"),
                "req", BareItem.Boolean.TRUE);
        assertThat(parameters.serialize()).isEqualTo(";created=1618884473;keyid=\"test-key-rsa-pss\";req");
        assertThat(Parameters.of("b", BareItem.Boolean.FALSE).serialize()).isEqualTo(";b=?0");
        assertThat(Parameters.EMPTY.serialize()).isEmpty();
    }

    @Test
    void keepsInsertionOrder() {
        Parameters parameters =
                Parameters.builder().put("z", ONE).put("a", TWO).put("m", ONE).build();
        assertThat(parameters.asMap().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void replacingAKeyKeepsItsFirstPosition() {
        Parameters parameters = Parameters.of("b", ONE, "c", TWO).with("b", TWO);
        assertThat(parameters.serialize()).isEqualTo(";b=2;c=2");
        assertThat(Parameters.of("b", ONE, "c", ONE, "b", TWO).serialize()).isEqualTo(";b=2;c=1");
    }

    @Test
    void withReturnsANewInstanceAndLeavesTheOriginalAlone() {
        Parameters original = Parameters.of("a", ONE);
        Parameters changed = original.with("b", TWO);
        assertThat(original.serialize()).isEqualTo(";a=1");
        assertThat(changed.serialize()).isEqualTo(";a=1;b=2");
        assertThat(changed.size()).isEqualTo(2);
        assertThat(Parameters.EMPTY.isEmpty()).isTrue();
        assertThat(changed.isEmpty()).isFalse();
    }

    @Test
    void getFindsAValueOrNothing() {
        Parameters parameters = Parameters.of("keyid", new BareItem.String("k"));
        assertThat(parameters.get("keyid")).contains(new BareItem.String("k"));
        assertThat(parameters.get("alg")).isEmpty();
    }

    @Test
    void asMapIsUnmodifiable() {
        Map<String, BareItem> map = Parameters.of("a", ONE).asMap();
        assertThatThrownBy(() -> map.put("b", TWO)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copyOfKeepsTheMapOrderAndIsIndependentOfIt() {
        Map<String, BareItem> source = new LinkedHashMap<>();
        source.put("y", ONE);
        source.put("x", TWO);
        Parameters parameters = Parameters.copyOf(source);
        source.put("w", ONE);
        assertThat(parameters.serialize()).isEqualTo(";y=1;x=2");
    }

    @Test
    void equalityDependsOnOrder() {
        Parameters ab = Parameters.of("a", ONE, "b", TWO);
        assertThat(ab)
                .isEqualTo(Parameters.of("a", ONE, "b", TWO))
                .hasSameHashCodeAs(Parameters.of("a", ONE, "b", TWO));
        assertThat(ab).isNotEqualTo(Parameters.of("b", TWO, "a", ONE));
        assertThat(ab).isNotEqualTo(Parameters.of("a", ONE));
        assertThat(ab).isNotEqualTo(Parameters.of("a", ONE, "b", ONE));
        assertThat(ab).isNotEqualTo("a=1;b=2");
        assertThat(ab.toString()).contains("a=", "b=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "1a", "_a", "-a", ".a", "a b", "aB", "a=", "a\u00e9"})
    void rejectsInvalidKeys(String key) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Parameters.of(key, ONE))
                .withMessageContaining("parameter key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "*", "*a", "a1", "a_b-c.d*", "abcdefghijklmnopqrstuvwxyz0123456789"})
    void acceptsValidKeys(String key) {
        assertThat(Parameters.of(key, ONE).get(key)).contains(ONE);
    }

    @Test
    void rejectsNulls() {
        assertThatIllegalArgumentException().isThrownBy(() -> Parameters.of(null, ONE));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Parameters.of("a", null))
                .withMessage("value must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> Parameters.copyOf(null));
        assertThatIllegalArgumentException().isThrownBy(() -> Parameters.EMPTY.get(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Parameters.builder().putAll(null));
    }
}
