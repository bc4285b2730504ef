package dev.herald.signatures.sfv;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The RFC 9651 §4.2 parsing algorithms, one method per section. Every step consumes input and nothing
 * recurses on the input (Inner Lists cannot nest), so parsing is linear and cannot overflow the stack.
 * Not thread-safe: one instance parses one field value.
 */
final class Parser {
    private final String input;
    private int pos;

    private Parser(String input) {
        this.input = input;
    }

    static Item parseItem(String fieldValue) {
        Parser parser = start(fieldValue);
        Item item = parser.item();
        return parser.finish(item, "expected end of input");
    }

    static SfList parseList(String fieldValue) {
        Parser parser = start(fieldValue);
        SfList list = parser.list();
        return parser.finish(list, "expected ',' or end of input");
    }

    static Dictionary parseDictionary(String fieldValue) {
        Parser parser = start(fieldValue);
        Dictionary dictionary = parser.dictionary();
        return parser.finish(dictionary, "expected ',' or end of input");
    }

    // RFC 9651 §4.2 steps 1-2: the field must be ASCII; leading SP is discarded.
    private static Parser start(String fieldValue) {
        Check.notNull(fieldValue, "fieldValue");
        for (int i = 0; i < fieldValue.length(); i++) {
            if (fieldValue.charAt(i) > 0x7f) {
                throw new StructuredFieldException(
                        "non-ASCII character " + Chars.describe(fieldValue.charAt(i)) + " in field value", i);
            }
        }
        Parser parser = new Parser(fieldValue);
        parser.skipSpaces();
        return parser;
    }

    // RFC 9651 §4.2 steps 4-5: trailing SP is discarded; anything else left over is an error.
    private <T> T finish(T value, String expectation) {
        skipSpaces();
        if (!atEnd()) {
            throw error(expectation);
        }
        return value;
    }

    // RFC 9651 §4.2.1
    private SfList list() {
        List<ListMember> members = new ArrayList<>();
        while (!atEnd()) {
            members.add(itemOrInnerList());
            if (!afterMember()) {
                break;
            }
        }
        return new SfList(members);
    }

    // RFC 9651 §4.2.2: a duplicate key overwrites the value and keeps the first position.
    private Dictionary dictionary() {
        LinkedHashMap<String, ListMember> members = new LinkedHashMap<>();
        while (!atEnd()) {
            String key = key();
            ListMember member;
            if (peek('=')) {
                pos++;
                member = itemOrInnerList();
            } else {
                member = new Item(BareItem.Boolean.TRUE, parameters());
            }
            members.put(key, member);
            if (!afterMember()) {
                break;
            }
        }
        return Dictionary.adopt(members);
    }

    /**
     * After a List or Dictionary member: consumes OWS, and when a comma follows, the comma and OWS.
     * Returns whether another member must follow; when not, {@link #finish} reports anything left over.
     */
    private boolean afterMember() {
        skipOptionalWhitespace();
        if (atEnd() || input.charAt(pos) != ',') {
            return false;
        }
        pos++;
        skipOptionalWhitespace();
        if (atEnd()) {
            throw error("expected a member after ','");
        }
        return true;
    }

    // RFC 9651 §4.2.1.1
    private ListMember itemOrInnerList() {
        return peek('(') ? innerList() : item();
    }

    // RFC 9651 §4.2.1.2: only SP separates and pads items inside the parentheses.
    private InnerList innerList() {
        int start = pos++;
        List<Item> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw error("inner list opened at offset " + start + " is not closed");
            }
            if (peek(')')) {
                pos++;
                return new InnerList(items, parameters());
            }
            items.add(item());
            if (!atEnd() && !peek(' ') && !peek(')')) {
                throw error("expected ' ' or ')' in inner list");
            }
        }
    }

    // RFC 9651 §4.2.3
    private Item item() {
        BareItem value = bareItem();
        return new Item(value, parameters());
    }

    // RFC 9651 §4.2.3.1
    private BareItem bareItem() {
        if (atEnd()) {
            throw error("expected an item, found end of input");
        }
        char c = input.charAt(pos);
        if (c == '-' || Chars.isDigit(c)) {
            return number();
        }
        if (Chars.isTokenStart(c)) {
            return token();
        }
        return switch (c) {
            case '"' -> string();
            case ':' -> byteSequence();
            case '?' -> bool();
            case '@' -> date();
            case '%' -> displayString();
            default -> throw error("expected an item, found " + Chars.describe(c));
        };
    }

    // RFC 9651 §4.2.3.2: a duplicate key overwrites the value and keeps the first position.
    private Parameters parameters() {
        LinkedHashMap<String, BareItem> parameters = null;
        while (peek(';')) {
            pos++;
            skipSpaces();
            String key = key();
            BareItem value = BareItem.Boolean.TRUE;
            if (peek('=')) {
                pos++;
                value = bareItem();
            }
            if (parameters == null) {
                parameters = new LinkedHashMap<>();
            }
            parameters.put(key, value);
        }
        return parameters == null ? Parameters.EMPTY : Parameters.adopt(parameters);
    }

    // RFC 9651 §4.2.3.3
    private String key() {
        if (atEnd() || !Chars.isKeyStart(input.charAt(pos))) {
            throw error("expected a key (a lowercase letter or '*')"
                    + (atEnd() ? ", found end of input" : ", found " + Chars.describe(input.charAt(pos))));
        }
        int start = pos++;
        while (!atEnd() && Chars.isKeyChar(input.charAt(pos))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    // RFC 9651 §4.2.4: at most 15 integer digits, or 12 integer and 3 fraction digits.
    private BareItem number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (atEnd() || !Chars.isDigit(input.charAt(pos))) {
            throw error("expected a digit after '-'");
        }
        int digitsStart = pos;
        int dot = -1;
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (c == '.' && dot < 0) {
                if (pos - digitsStart > 12) {
                    throw error("decimal has more than 12 integer digits");
                }
                dot = pos;
            } else if (!Chars.isDigit(c)) {
                break;
            } else if (dot < 0 && pos - digitsStart == 15) {
                throw error("integer has more than 15 digits");
            } else if (dot >= 0 && pos - dot == 4) {
                throw error("decimal has more than 3 fraction digits");
            }
            pos++;
        }
        if (dot < 0) {
            return new BareItem.Integer(Long.parseLong(input, start, pos, 10));
        }
        if (dot == pos - 1) {
            throw error("decimal needs a digit after '.'");
        }
        return new BareItem.Decimal(new BigDecimal(input.substring(start, pos)));
    }

    // RFC 9651 §4.2.5: the only escapes are \" and \\.
    private BareItem string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (c == '\\') {
                pos++;
                if (atEnd()) {
                    break;
                }
                char escaped = input.charAt(pos);
                if (escaped != '"' && escaped != '\\') {
                    throw error("invalid escape of " + Chars.describe(escaped) + " in string; only \\\" and \\\\");
                }
                value.append(escaped);
            } else if (c == '"') {
                pos++;
                return new BareItem.String(value.toString());
            } else if (!Chars.isPrintable(c)) {
                throw error("string has " + Chars.describe(c) + "; only printable ASCII is allowed");
            } else {
                value.append(c);
            }
            pos++;
        }
        throw error("string opened at offset " + start + " is not closed");
    }

    // RFC 9651 §4.2.6
    private BareItem token() {
        int start = pos++;
        while (!atEnd() && Chars.isTokenChar(input.charAt(pos))) {
            pos++;
        }
        return new BareItem.Token(input.substring(start, pos));
    }

    // RFC 9651 §4.2.7. Padding carries no data, so up to two trailing '=' are accepted whether or not the
    // length needs them (the RFC asks to accept missing padding; excess padding is the same leniency, and
    // seen in hand-written examples), as are non-zero pad bits. A '=' before the data ends, three or more
    // '=', or a length no base64 encoder produces (4n+1 characters) is rejected.
    private BareItem byteSequence() {
        int start = pos++;
        int end = input.indexOf(':', pos);
        if (end < 0) {
            pos = input.length();
            throw error("byte sequence opened at offset " + start + " is not closed");
        }
        int dataEnd = end;
        while (dataEnd > pos && input.charAt(dataEnd - 1) == '=') {
            dataEnd--;
        }
        for (; pos < dataEnd; pos++) {
            char c = input.charAt(pos);
            if (!Chars.isBase64Char(c)) {
                throw error(
                        c == '='
                                ? "'=' before the end of a byte sequence"
                                : "byte sequence has " + Chars.describe(c) + "; only base64 is allowed");
            }
        }
        int dataLength = dataEnd - start - 1;
        int padding = end - dataEnd;
        if (dataLength % 4 == 1) {
            throw error("byte sequence has a base64 length that cannot be decoded");
        }
        if (padding > 2) {
            throw error("byte sequence ends in more than two '='");
        }
        byte[] bytes = Base64.getDecoder().decode(input.substring(start + 1, dataEnd));
        pos = end + 1;
        return new BareItem.ByteSequence(bytes);
    }

    // RFC 9651 §4.2.8
    private BareItem bool() {
        pos++;
        if (peek('1') || peek('0')) {
            return BareItem.Boolean.of(input.charAt(pos++) == '1');
        }
        throw error("expected '0' or '1' after '?'");
    }

    // RFC 9651 §4.2.9
    private BareItem date() {
        int start = pos++;
        if (atEnd() || !(peek('-') || Chars.isDigit(input.charAt(pos)))) {
            throw error("expected an integer after '@'");
        }
        BareItem number = number();
        if (!(number instanceof BareItem.Integer)) {
            throw new StructuredFieldException("date must be an integer, not a decimal", start);
        }
        return new BareItem.Date(((BareItem.Integer) number).value());
    }

    // RFC 9651 §4.2.10: percent-encoded UTF-8 in lowercase hex; '"' ends the string and is never escaped.
    private BareItem displayString() {
        int start = pos++;
        if (!peek('"')) {
            throw error("expected '\"' after '%'");
        }
        pos++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (!Chars.isPrintable(c)) {
                throw error("display string has " + Chars.describe(c) + "; percent-encode it");
            }
            if (c == '"') {
                pos++;
                return new BareItem.DisplayString(decodeUtf8(bytes.toByteArray(), start));
            }
            if (c == '%') {
                int high = pos + 1 < input.length() ? lowerHex(input.charAt(pos + 1)) : -1;
                int low = pos + 2 < input.length() ? lowerHex(input.charAt(pos + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw error("expected two lowercase hex digits after '%' in display string");
                }
                bytes.write(high << 4 | low);
                pos += 3;
            } else {
                bytes.write(c);
                pos++;
            }
        }
        throw error("display string opened at offset " + start + " is not closed");
    }

    private static int lowerHex(char c) {
        if (Chars.isDigit(c)) {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static String decodeUtf8(byte[] bytes, int start) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StructuredFieldException("display string is not valid UTF-8", start);
        }
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private boolean peek(char c) {
        return pos < input.length() && input.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (peek(' ')) {
            pos++;
        }
    }

    // OWS = *( SP / HTAB ), allowed around the commas of Lists and Dictionaries only.
    private void skipOptionalWhitespace() {
        while (peek(' ') || peek('\t')) {
            pos++;
        }
    }

    private StructuredFieldException error(String reason) {
        return new StructuredFieldException(reason, pos);
    }
}
