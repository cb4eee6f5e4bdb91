// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's limits and its way of sizing items: the UTF-8 bytes of every attribute name plus the
 * size of its value, so that a too-large write is refused before any call.
 */
final class ItemSize {

    /** The largest item DynamoDB stores: 400 KB, attribute names included. */
    static final long MAX_ITEM_BYTES = 400 * 1024;
    /** The most actions one TransactWriteItems call takes. */
    static final int MAX_TRANSACTION_ACTIONS = 100;
    /** The most item bytes one TransactWriteItems call takes. */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;

    private ItemSize() {
    }

    /** The item's size as DynamoDB counts it against the 400 KB limit. */
    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    static long of(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8Length(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8Length).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::numberSize).sum();
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + of(element)).sum();
            case M -> 3 + value.m().size() + of(value.m());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("cannot size an attribute value of unknown type");
        };
    }

    /**
     * A number's size: DynamoDB stores numbers as base-100 digits, so one byte per pair of
     * significant digits (aligned on the decimal point), one for the exponent, one for a sign.
     */
    static long numberSize(String number) {
        BigDecimal value = new BigDecimal(number);
        if (value.signum() == 0) {
            return 1;
        }
        BigDecimal digits = value.stripTrailingZeros();
        int count = digits.precision();
        int exponent = digits.precision() - digits.scale() - 1;
        int unaligned = count % 2 == 0 && exponent % 2 == 0 ? 1 : 0;
        return 1 + (count + 1) / 2 + unaligned + (value.signum() < 0 ? 1 : 0);
    }

    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
