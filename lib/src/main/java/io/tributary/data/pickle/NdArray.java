package io.tributary.data.pickle;

import io.tributary.core.InputException;
import io.tributary.data.NonFinite;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A numpy array found in a pickle. Its numbers stay in the file until one of the {@code to...}
 * methods reads them, in chunks; the results are in C order whatever the file's order. {@code
 * toFloatRows} and {@code toIntRows} split along axis 0, one flat array per row, so an array of
 * more than 2^31 elements can be held as long as each row fits in a Java array.
 */
public final class NdArray {

    /** Largest number of elements materialised in one Java array. */
    private static final long MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    /** Largest text array read whole. */
    private static final long MAX_TEXT_BYTES = 1L << 28;

    private final String origin;
    private final DType dtype;
    private final long[] shape;
    private final boolean fortranOrder;
    private final long size;
    private final ByteData data;
    private final List<Object> objects;

    private NdArray(
            String origin,
            DType dtype,
            long[] shape,
            boolean fortranOrder,
            long size,
            ByteData data,
            List<Object> objects) {
        this.origin = origin;
        this.dtype = dtype;
        this.shape = shape;
        this.fortranOrder = fortranOrder;
        this.size = size;
        this.data = data;
        this.objects = objects;
    }

    /**
     * An array of numbers or unicode: {@code data} must hold exactly shape x itemSize bytes.
     *
     * @param origin file and byte offset, for error messages
     */
    static NdArray ofData(
            String origin, DType dtype, long[] shape, boolean fortranOrder, ByteData data) {
        long size = elementCount(origin, shape);
        long expected;
        try {
            expected = Math.multiplyExact(size, (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new InputException(origin + ": shape " + Arrays.toString(shape) + " overflows");
        }
        if (data.size() != expected) {
            throw new InputException(
                    origin
                            + ": array of shape "
                            + Arrays.toString(shape)
                            + " and dtype "
                            + dtype
                            + " needs "
                            + expected
                            + " bytes, found "
                            + data.size());
        }
        return new NdArray(origin, dtype, shape, fortranOrder, size, data, null);
    }

    /** An object array: its elements, in the file's order. */
    static NdArray ofObjects(
            String origin, DType dtype, long[] shape, boolean fortranOrder, List<Object> objects) {
        long size = elementCount(origin, shape);
        if (objects.size() != size) {
            throw new InputException(
                    origin
                            + ": object array of shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + size
                            + " elements, found "
                            + objects.size());
        }
        return new NdArray(origin, dtype, shape, fortranOrder, size, null, List.copyOf(objects));
    }

    private static long elementCount(String origin, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new InputException(
                        origin + ": negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException e) {
                throw new InputException(
                        origin + ": shape " + Arrays.toString(shape) + " overflows");
            }
        }
        return count;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    public boolean isFortranOrder() {
        return fortranOrder;
    }

    /** Where the array was found: file and byte offset. */
    public String origin() {
        return origin;
    }

    /** All elements, converted to float, in C order. */
    public float[] toFloats() {
        float[][] rows = rows(new float[1][checkedInt(size, "elements")], size);
        return rows[0];
    }

    /** One flat float array per index of axis 0, each in C order. */
    public float[][] toFloatRows() {
        long rowSize = rowSize();
        float[][] rows = new float[checkedInt(shape[0], "rows")][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[checkedInt(rowSize, "elements per row")];
        }
        return rows(rows, rowSize);
    }

    /** All elements as long, in C order (floats are truncated toward zero). */
    public long[] toLongs() {
        long[] out = new long[checkedInt(size, "elements")];
        requireNumeric();
        visit((index, chunk) -> out[(int) index] = readLong(chunk));
        return out;
    }

    /** One flat int array per index of axis 0; a value outside int's range is an error. */
    public int[][] toIntRows() {
        requireNumeric();
        long rowSize = rowSize();
        int width = checkedInt(rowSize, "elements per row");
        int[][] rows = new int[checkedInt(shape[0], "rows")][width];
        visit(
                (index, chunk) -> {
                    long value = readLong(chunk);
                    if (value != (int) value) {
                        throw new InputException(
                                origin + ": value " + value + " does not fit in a 32-bit int");
                    }
                    rows[(int) (index / rowSize)][(int) (index % rowSize)] = (int) value;
                });
        return rows;
    }

    /**
     * The elements as text, in C order: an object array of str (bytes are decoded as UTF-8), a
     * unicode array ({@code <U}) or a bytes array ({@code |S}, UTF-8, trailing NULs dropped).
     */
    public String[] toStrings() {
        String[] out = new String[checkedInt(size, "elements")];
        CIndex index = new CIndex();
        if (dtype.isObject()) {
            for (Object element : objects) {
                out[(int) index.next()] = text(element);
            }
            return out;
        }
        if (!dtype.isText()) {
            throw new InputException(
                    origin + ": expected an array of str, found dtype " + dtype.name());
        }
        if (data.size() > MAX_TEXT_BYTES) {
            throw new InputException(
                    origin + ": text array of " + data.size() + " bytes is too large");
        }
        ByteBuffer all = ByteBuffer.allocate((int) data.size()).order(dtype.order());
        data.stream(all::put);
        all.flip();
        for (long i = 0; i < size; i++) {
            out[(int) index.next()] = dtype.isUnicode() ? utf32(all) : utf8(all);
        }
        return out;
    }

    private String text(Object element) {
        if (element instanceof String text) {
            return text;
        }
        if (element instanceof PyBytes bytes) {
            return new String(bytes.toArray(), StandardCharsets.UTF_8);
        }
        throw new InputException(
                origin
                        + ": expected an array of str, found an element of type "
                        + PythonValues.typeName(element));
    }

    private String utf32(ByteBuffer all) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < dtype.itemSize() / 4; c++) {
            int codePoint = all.getInt();
            if (codePoint != 0) {
                if (!Character.isValidCodePoint(codePoint)) {
                    throw new InputException(origin + ": invalid code point " + codePoint);
                }
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private String utf8(ByteBuffer all) {
        byte[] bytes = new byte[dtype.itemSize()];
        all.get(bytes);
        int length = bytes.length;
        while (length > 0 && bytes[length - 1] == 0) {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** The objects of an object array, in the file's order (C or Fortran). */
    public List<Object> objects() {
        if (!dtype.isObject()) {
            throw new InputException(
                    origin + ": expected an object array, found dtype " + dtype.name());
        }
        return objects;
    }

    /** Counts -inf, +inf and NaN, reading the data in chunks; zero for non-float arrays. */
    public NonFinite countNonFinite() {
        if (dtype.kind() != 'f') {
            return NonFinite.NONE;
        }
        long[] counts = new long[3];
        if (dtype.itemSize() == 4) {
            data.stream(
                    chunk -> {
                        FloatBuffer floats = chunk.order(dtype.order()).asFloatBuffer();
                        while (floats.hasRemaining()) {
                            count(floats.get(), counts);
                        }
                    });
        } else {
            visit((index, chunk) -> count(readDouble(chunk), counts));
        }
        return new NonFinite(counts[0], counts[1], counts[2]);
    }

    private static void count(double value, long[] counts) {
        if (Double.isNaN(value)) {
            counts[2]++;
        } else if (value == Double.NEGATIVE_INFINITY) {
            counts[0]++;
        } else if (value == Double.POSITIVE_INFINITY) {
            counts[1]++;
        }
    }

    @Override
    public String toString() {
        return "ndarray" + Arrays.toString(shape) + " " + dtype.name();
    }

    private long rowSize() {
        if (shape.length == 0) {
            throw new InputException(origin + ": expected an array with rows, found a 0-d array");
        }
        return shape[0] == 0 ? 0 : size / shape[0];
    }

    private float[][] rows(float[][] rows, long rowSize) {
        requireNumeric();
        if (!fortranOrder
                && dtype.kind() == 'f'
                && dtype.itemSize() == 4
                && dtype.order() == ByteOrder.LITTLE_ENDIAN
                && rowSize > 0) {
            long[] done = {0};
            data.stream(
                    chunk -> {
                        FloatBuffer floats = chunk.asFloatBuffer();
                        while (floats.hasRemaining()) {
                            int row = (int) (done[0] / rowSize);
                            int column = (int) (done[0] % rowSize);
                            int n = (int) Math.min(floats.remaining(), rowSize - column);
                            floats.get(rows[row], column, n);
                            done[0] += n;
                        }
                    });
            return rows;
        }
        visit(
                (index, chunk) ->
                        rows[(int) (index / rowSize)][(int) (index % rowSize)] =
                                (float) readDouble(chunk));
        return rows;
    }

    private void requireNumeric() {
        if (!dtype.isNumeric()) {
            throw new InputException(
                    origin + ": expected a numeric array, found dtype " + dtype.name());
        }
    }

    private int checkedInt(long count, String what) {
        if (count > MAX_JAVA_ARRAY) {
            throw new InputException(
                    origin
                            + ": array of shape "
                            + Arrays.toString(shape)
                            + " has "
                            + count
                            + " "
                            + what
                            + ", more than one Java array holds");
        }
        return (int) count;
    }

    /** Receives one element: its C-order index and the chunk positioned at its bytes. */
    @FunctionalInterface
    private interface ElementSink {
        void accept(long cIndex, ByteBuffer chunk);
    }

    /** Streams every element in file order, reporting its C-order index. */
    private void visit(ElementSink sink) {
        CIndex index = new CIndex();
        int itemSize = dtype.itemSize();
        data.stream(
                chunk -> {
                    chunk.order(dtype.order());
                    while (chunk.remaining() >= itemSize) {
                        int start = chunk.position();
                        sink.accept(index.next(), chunk);
                        chunk.position(start + itemSize);
                    }
                });
    }

    private double readDouble(ByteBuffer chunk) {
        return switch (dtype.kind()) {
            case 'f' -> dtype.itemSize() == 4 ? chunk.getFloat() : chunk.getDouble();
            case 'u' -> dtype.itemSize() == 8 ? unsigned64(chunk.getLong()) : readLong(chunk);
            default -> readLong(chunk);
        };
    }

    private long readLong(ByteBuffer chunk) {
        return switch (dtype.kind()) {
            case 'b' -> chunk.get() != 0 ? 1 : 0;
            case 'i' ->
                    switch (dtype.itemSize()) {
                        case 1 -> chunk.get();
                        case 2 -> chunk.getShort();
                        case 4 -> chunk.getInt();
                        default -> chunk.getLong();
                    };
            case 'u' ->
                    switch (dtype.itemSize()) {
                        case 1 -> chunk.get() & 0xFFL;
                        case 2 -> chunk.getShort() & 0xFFFFL;
                        case 4 -> chunk.getInt() & 0xFFFFFFFFL;
                        default -> chunk.getLong();
                    };
            default -> (long) readDouble(chunk);
        };
    }

    private static double unsigned64(long bits) {
        double high = (double) (bits >>> 1) * 2.0;
        return high + (bits & 1);
    }

    /**
     * Walks the elements in the file's order and gives each one's C-order index: the counter itself
     * for C order; for Fortran order, axis 0 varies fastest.
     */
    private final class CIndex {
        private final long[] position = new long[shape.length];
        private final long[] stride = new long[shape.length];
        private long next;
        private long cIndex;

        CIndex() {
            long s = 1;
            for (int k = shape.length - 1; k >= 0; k--) {
                stride[k] = s;
                s *= shape[k];
            }
        }

        long next() {
            if (!fortranOrder) {
                return next++;
            }
            long current = cIndex;
            for (int k = 0; k < shape.length; k++) {
                position[k]++;
                cIndex += stride[k];
                if (position[k] < shape[k]) {
                    break;
                }
                cIndex -= position[k] * stride[k];
                position[k] = 0;
            }
            return current;
        }
    }
}
