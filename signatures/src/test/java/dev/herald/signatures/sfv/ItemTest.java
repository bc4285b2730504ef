package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ItemTest {

    @Test
    void conveniencesBuildEachBareItemType() {
        assertThat(Item.string("@method").value()).isEqualTo(new BareItem.String("@method"));
        assertThat(Item.token("sugar").value()).isEqualTo(new BareItem.Token("sugar"));
        assertThat(Item.integer(42).value()).isEqualTo(new BareItem.Integer(42));
        assertThat(Item.decimal(new BigDecimal("4.5")).value()).isEqualTo(new BareItem.Decimal(new BigDecimal("4.5")));
        assertThat(Item.byteSequence(new byte[] {1}).value()).isEqualTo(new BareItem.ByteSequence(new byte[] {1}));
        assertThat(Item.bool(true).value()).isEqualTo(BareItem.Boolean.TRUE);
        assertThat(Item.date(1).value()).isEqualTo(new BareItem.Date(1));
        assertThat(Item.displayString("\u00fc").value()).isEqualTo(new BareItem.DisplayString("\u00fc"));
        assertThat(Item.of(BareItem.Boolean.FALSE).parameters()).isSameAs(Parameters.EMPTY);
    }

    @Test
    void serializesValueThenParameters() {
        Item item = Item.string("@query-param").withParameter("name", new BareItem.String("Pet"));
        assertThat(item.serialize()).isEqualTo("\"@query-param\";name=\"Pet\"");
        assertThat(Item.integer(1)
                        .withParameters(Parameters.of("a", BareItem.Boolean.TRUE, "b", BareItem.Boolean.FALSE))
                        .serialize())
                .isEqualTo("1;a;b=?0");
        assertThat(Item.of(Item.token("x").value(), Parameters.of("p", new BareItem.Integer(1)))
                        .serialize())
                .isEqualTo("x;p=1");
    }

    @Test
    void anItemWhoseValueIsTrueStillSerializesTheValue() {
        assertThat(Item.bool(true).serialize()).isEqualTo("?1");
    }

    @Test
    void equalsByValueAndParameters() {
        assertThat(Item.integer(1).withParameter("a", BareItem.Boolean.TRUE))
                .isEqualTo(new Item(new BareItem.Integer(1), Parameters.of("a", BareItem.Boolean.TRUE)))
                .isNotEqualTo(Item.integer(1));
    }

    @Test
    void rejectsNulls() {
        assertThatIllegalArgumentException().isThrownBy(() -> Item.of(null)).withMessage("value must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Item(BareItem.Boolean.TRUE, null))
                .withMessage("parameters must not be null");
    }
}
