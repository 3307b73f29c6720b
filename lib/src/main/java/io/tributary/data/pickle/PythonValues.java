package io.tributary.data.pickle;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Python names for the Java values an unpickled file holds, for error messages. */
final class PythonValues {

    private PythonValues() {}

    static String typeName(Object value) {
        if (value == null) {
            return "None";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Long || value instanceof BigInteger) {
            return "int";
        } else if (value instanceof Double) {
            return "float";
        } else if (value instanceof String || value instanceof LargeText) {
            return "str";
        } else if (value instanceof PyBytes) {
            return "bytes";
        } else if (value instanceof PyTuple) {
            return "tuple";
        } else if (value instanceof List) {
            return "list";
        } else if (value instanceof Map) {
            return "dict";
        } else if (value instanceof NdArray array) {
            return "ndarray " + array.dtype().name() + " " + Arrays.toString(array.shape());
        } else if (value instanceof DType) {
            return "numpy.dtype";
        } else if (value instanceof PythonGlobal global) {
            return "global " + global;
        }
        return value.getClass().getSimpleName();
    }

    /** A str too long to decode eagerly: its UTF-8 bytes left in the file. */
    record LargeText(ByteData utf8) {}
}
