package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InnerListTest {

    @Test
    void serializesItemsSeparatedBySpaceThenParameters() {
        InnerList list = InnerList.of(Item.string("a"), Item.string("b")).withParameter("p", new BareItem.Integer(1));
        assertThat(list.serialize()).isEqualTo("(\"a\" \"b\");p=1");
    }

    @Test
    void serializesTheEmptyInnerList() {
        assertThat(InnerList.of().serialize()).isEqualTo("()");
        assertThat(InnerList.of(List.of())
                        .withParameters(Parameters.of("created", new BareItem.Integer(1)))
                        .serialize())
                .isEqualTo("();created=1");
    }

    @Test
    void itemParametersStayInsideTheParentheses() {
        InnerList list = InnerList.of(Item.string("@authority").withParameter("req", BareItem.Boolean.TRUE));
        assertThat(list.serialize()).isEqualTo("(\"@authority\";req)");
    }

    @Test
    void copiesTheItemsAndIsUnmodifiable() {
        List<Item> items = new ArrayList<>(List.of(Item.integer(1)));
        InnerList list = InnerList.of(items);
        items.add(Item.integer(2));
        assertThat(list.items()).containsExactly(Item.integer(1));
        assertThatThrownBy(() -> list.items().add(Item.integer(3))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNulls() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InnerList.of(Arrays.asList(Item.integer(1), null)))
                .withMessage("item must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> InnerList.of((List<Item>) null));
        assertThatIllegalArgumentException().isThrownBy(() -> new InnerList(List.of(), null));
    }
}
