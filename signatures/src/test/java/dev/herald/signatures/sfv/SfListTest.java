package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SfListTest {

    @Test
    void serializesMembersSeparatedByCommaAndSpace() {
        SfList list = SfList.of(
                Item.token("sugar"),
                Item.token("tea").withParameter("q", new BareItem.Integer(1)),
                InnerList.of(Item.integer(1), Item.integer(2)));
        assertThat(list.serialize()).isEqualTo("sugar, tea;q=1, (1 2)");
    }

    @Test
    void theEmptyListSerializesToNothing() {
        assertThat(SfList.EMPTY.serialize()).isEmpty();
        assertThat(SfList.EMPTY.isEmpty()).isTrue();
        assertThat(SfList.of(Item.integer(1)).isEmpty()).isFalse();
    }

    @Test
    void rejectsNullMembers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SfList(Arrays.asList(Item.integer(1), null)))
                .withMessage("member must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> new SfList(null));
    }
}
