package io.tributary.data.pickle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A numpy array as {@link Pickler} writes it: C order, little endian. Numbers are not held as bytes
 * but produced by a {@link Body} while the pickle is written, so an array larger than any Java
 * array can be written from the rows that hold it.
 */
sealed interface PickledArray {

    /** The array's shape, axis 0 first. */
    long[] shape();

    /** Writes the elements of a numeric array in C order. */
    @FunctionalInterface
    interface Body {
        void write(ElementOutput out) throws IOException;
    }

    /**
     * float32 or int64 elements.
     *
     * @param code numpy's type code: {@code f4} or {@code i8}
     * @param shape the array's shape
     * @param body writes exactly the shape's element count, each with {@code code}'s width
     */
    record Numbers(String code, long[] shape, Body body) implements PickledArray {
        public Numbers {
            if (!code.equals("f4") && !code.equals("i8")) {
                throw new IllegalArgumentException("type code must be f4 or i8, was " + code);
            }
            shape = shape.clone();
        }

        /** Bytes of the array's data: elements x 4 (f4) or x 8 (i8). */
        long byteCount() {
            return elementCount(shape) * (code.equals("f4") ? 4 : 8);
        }
    }

    /**
     * An object array of str, as numpy pickles it: a list of its elements.
     *
     * @param shape the array's shape
     * @param values the elements in C order
     * @param shared true when equal elements are one Python object (class names such as MMSA's
     *     annotations), so that a pickle writes each value once and refers back to it; false when
     *     each element is its own object (ids, texts)
     */
    record Strings(long[] shape, List<String> values, boolean shared) implements PickledArray {
        public Strings {
            shape = shape.clone();
            values = List.copyOf(values);
            if (values.size() != elementCount(shape)) {
                throw new IllegalArgumentException(
                        "shape "
                                + Arrays.toString(shape)
                                + " needs "
                                + elementCount(shape)
                                + " strings, got "
                                + values.size());
            }
        }
    }

    /** A float32 array whose rows, concatenated, are its elements in C order. */
    static Numbers float32(long[] shape, float[][] rows) {
        return new Numbers(
                "f4",
                shape,
                out -> {
                    for (float[] row : rows) {
                        for (float value : row) {
                            out.float32(value);
                        }
                    }
                });
    }

    /** An int64 array of {@code values} in C order. */
    static Numbers int64(long[] shape, long[] values) {
        return new Numbers(
                "i8",
                shape,
                out -> {
                    for (long value : values) {
                        out.int64(value);
                    }
                });
    }

    private static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException(
                        "negative dimension in " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /**
     * Where a {@link Body} writes its elements: little endian, through a 64 KiB buffer, counting
     * the bytes so that the pickler can check them against the length it announced.
     */
    final class ElementOutput {
        private final OutputStream out;
        private final ByteBuffer buffer =
                ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long count;

        ElementOutput(OutputStream out) {
            this.out = out;
        }

        public void float32(float value) throws IOException {
            room(4);
            buffer.putFloat(value);
        }

        public void int64(long value) throws IOException {
            room(8);
            buffer.putLong(value);
        }

        /** Writes what is buffered; returns the bytes written in all. */
        long finish() throws IOException {
            out.write(buffer.array(), 0, buffer.position());
            count += buffer.position();
            buffer.clear();
            return count;
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                finish();
            }
        }
    }
}
