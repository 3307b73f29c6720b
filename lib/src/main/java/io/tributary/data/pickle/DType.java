package io.tributary.data.pickle;

import java.nio.ByteOrder;

/**
 * A numpy dtype as pickled: {@code numpy.dtype(code, False, True)} then BUILD with the byte order.
 * Numbers (bool, signed and unsigned integers, float32/64), Python objects and fixed-width text
 * (unicode {@code U}, bytes {@code S}).
 *
 * @param kind numpy's kind character: {@code b i u f O U S}
 * @param itemSize bytes per element
 * @param order byte order of the elements
 */
public record DType(char kind, int itemSize, ByteOrder order) {

    /**
     * Parses numpy's type code ({@code f4}, {@code i8}, {@code b1}, {@code O8}, {@code U10}, {@code
     * S8}); null when it is none of the kinds above.
     */
    static DType parse(String code) {
        if (code.length() < 2) {
            return null;
        }
        char kind = code.charAt(0);
        int count;
        try {
            count = Integer.parseInt(code.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
        boolean valid =
                switch (kind) {
                    case 'b' -> count == 1;
                    case 'i', 'u' -> count == 1 || count == 2 || count == 4 || count == 8;
                    case 'f' -> count == 4 || count == 8;
                    case 'O' -> count == 4 || count == 8;
                    case 'U', 'S' -> count > 0 && count <= (1 << 20);
                    default -> false;
                };
        if (!valid) {
            return null;
        }
        return new DType(kind, kind == 'U' ? 4 * count : count, ByteOrder.LITTLE_ENDIAN);
    }

    DType withOrder(ByteOrder byteOrder) {
        return new DType(kind, itemSize, byteOrder);
    }

    public boolean isObject() {
        return kind == 'O';
    }

    public boolean isUnicode() {
        return kind == 'U';
    }

    /** Fixed-width text: unicode ({@code U}) or bytes ({@code S}). */
    public boolean isText() {
        return kind == 'U' || kind == 'S';
    }

    public boolean isNumeric() {
        return kind == 'b' || kind == 'i' || kind == 'u' || kind == 'f';
    }

    /**
     * numpy's name: {@code float32}, {@code int64}, {@code bool}, {@code object}, {@code <U10}; a
     * big-endian number as its code ({@code >f4}).
     */
    public String name() {
        if (order == ByteOrder.BIG_ENDIAN && itemSize > 1 && isNumeric()) {
            return ">" + kind + itemSize;
        }
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + 8 * itemSize;
            case 'u' -> "uint" + 8 * itemSize;
            case 'f' -> "float" + 8 * itemSize;
            case 'O' -> "object";
            case 'S' -> "|S" + itemSize;
            default -> (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + "U" + itemSize / 4;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
