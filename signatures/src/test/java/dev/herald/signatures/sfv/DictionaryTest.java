package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictionaryTest {

    @Test
    void serializesKeyEqualsMember() {
        Dictionary dictionary = Dictionary.of(
                "sig1",
                InnerList.of(Item.string("@method"), Item.string("@path"))
                        .withParameters(Parameters.of(
                                "created", new BareItem.Integer(1618884473), "keyid", new BareItem.String("k"))),
                "n",
                Item.integer(1));
        assertThat(dictionary.serialize())
                .isEqualTo("sig1=(\"@method\" \"@path\");created=1618884473;keyid=\"k\", n=1");
    }

    @Test
    void aTrueItemIsWrittenAsItsKeyAndParametersOnly() {
        Dictionary dictionary = Dictionary.builder()
                .put("a", Item.bool(false))
                .put("b", Item.bool(true))
                .put("c", Item.bool(true).withParameter("foo", new BareItem.Token("bar")))
                .build();
        assertThat(dictionary.serialize()).isEqualTo("a=?0, b, c;foo=bar");
    }

    @Test
    void anInnerListWithTrueIsNotMistakenForABareKey() {
        assertThat(Dictionary.of("a", InnerList.of(Item.bool(true))).serialize())
                .isEqualTo("a=(?1)");
    }

    @Test
    void replacingAKeyKeepsItsFirstPosition() {
        Dictionary dictionary =
                Dictionary.of("a", Item.integer(1), "b", Item.integer(2)).with("a", Item.integer(3));
        assertThat(dictionary.serialize()).isEqualTo("a=3, b=2");
        assertThat(dictionary.with("c", Item.integer(4)).asMap().keySet()).containsExactly("a", "b", "c");
    }

    @Test
    void getFindsAMemberOrNothing() {
        Dictionary dictionary = Dictionary.of("sig1", Item.integer(1));
        assertThat(dictionary.get("sig1")).contains(Item.integer(1));
        assertThat(dictionary.get("sig2")).isEmpty();
        assertThat(dictionary.size()).isEqualTo(1);
        assertThat(dictionary.isEmpty()).isFalse();
        assertThat(Dictionary.EMPTY.isEmpty()).isTrue();
        assertThat(Dictionary.EMPTY.serialize()).isEmpty();
    }

    @Test
    void asMapIsUnmodifiableAndCopyOfIsIndependent() {
        Map<String, ListMember> source = new LinkedHashMap<>();
        source.put("z", Item.integer(1));
        source.put("a", Item.integer(2));
        Dictionary dictionary = Dictionary.copyOf(source);
        source.clear();
        assertThat(dictionary.serialize()).isEqualTo("z=1, a=2");
        assertThatThrownBy(() -> dictionary.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityDependsOnOrder() {
        Dictionary ab = Dictionary.of("a", Item.integer(1), "b", Item.integer(2));
        assertThat(ab).isEqualTo(Dictionary.of("a", Item.integer(1), "b", Item.integer(2)));
        assertThat(ab.hashCode())
                .isEqualTo(Dictionary.of("a", Item.integer(1), "b", Item.integer(2))
                        .hashCode());
        assertThat(ab).isNotEqualTo(Dictionary.of("b", Item.integer(2), "a", Item.integer(1)));
        assertThat(ab).isNotEqualTo(Parameters.EMPTY);
        assertThat(ab.toString()).startsWith("Dictionary{a=");
    }

    @Test
    void rejectsInvalidKeysAndNulls() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Dictionary.of("Sig1", Item.integer(1)))
                .withMessageContaining("dictionary key \"Sig1\" must start with a lowercase letter or '*'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Dictionary.of("sig 1", Item.integer(1)))
                .withMessageContaining("' ' at index 3");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Dictionary.of("a", null))
                .withMessage("member must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> Dictionary.copyOf(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Dictionary.builder().putAll(null));
        assertThatIllegalArgumentException().isThrownBy(() -> Dictionary.EMPTY.get(null));
    }
}
