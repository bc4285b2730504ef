package dev.herald.signatures.sfv;

import java.util.Iterator;
import java.util.Map;

/** Equality for the ordered maps of RFC 9651, where order is part of the value. */
final class OrderedMaps {
    private OrderedMaps() {}

    static boolean sameEntriesInOrder(Map<String, ?> a, Map<String, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<String, ?>> other = b.entrySet().iterator();
        for (Map.Entry<String, ?> entry : a.entrySet()) {
            if (!entry.equals(other.next())) {
                return false;
            }
        }
        return true;
    }
}
