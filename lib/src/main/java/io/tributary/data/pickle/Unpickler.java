package io.tributary.data.pickle;

import io.tributary.core.InputException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pickle (protocols 2 to 5) without running any of it. Python values become Java ones: None
 * {@code null}, bool {@link Boolean}, int {@link Long} (or {@link BigInteger}), float {@link
 * Double}, str {@link String}, bytes and bytearray {@link PyBytes}, tuple {@link PyTuple}, list
 * {@link List}, dict {@link Map} (insertion order), numpy arrays {@link NdArray} and numpy scalars
 * the number they hold. Globals are limited to {@link PythonGlobal}'s, each interpreted here.
 *
 * <p>The file is read front to back through a small buffer; a payload above {@value #HELD_BYTES}
 * bytes is not read but remembered as a region of the file, so opening a several-gigabyte pickle
 * costs little memory and time. Corrupt or truncated input ends in an {@link InputException} naming
 * the file and the byte offset.
 */
public final class Unpickler {

    /** Payloads up to this size are read while parsing; larger ones stay in the file. */
    static final int HELD_BYTES = 1 << 16;

    /** Strings up to this size are decoded while parsing. */
    private static final int HELD_TEXT = 1 << 24;

    private final PickleInput in;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long opcodeOffset;

    private Unpickler(PickleInput in) {
        this.in = in;
    }

    /** Reads the pickle in {@code file}; arrays stay lazy and read the file when asked. */
    public static Object load(Path file) {
        try (PickleInput in = new PickleInput(file)) {
            return new Unpickler(in).run();
        }
    }

    private Object run() {
        while (true) {
            if (in.remaining() == 0) {
                throw in.error("file ends before the pickle's STOP opcode (truncated?)");
            }
            opcodeOffset = in.position();
            int op = in.u8("opcode");
            switch (op) {
                case 0x80 -> protocol();
                case 0x95 -> in.checkLength(in.s64("FRAME length"), "FRAME");
                case '.' -> {
                    return finished(pop());
                }
                case '(' -> marks.add(stack.size());
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) in.u8("BININT1"));
                case 'M' -> push((long) in.u16("BININT2"));
                case 'J' -> push((long) in.s32("BININT"));
                case 0x8a -> push(longValue(in.u8("LONG1 length")));
                case 0x8b -> push(longValue(in.s32("LONG4 length")));
                case 'G' -> push(in.f64BigEndian("BINFLOAT"));
                case 0x8c -> push(text(in.u8("SHORT_BINUNICODE length")));
                case 'X' -> push(text(in.u32("BINUNICODE length")));
                case 0x8d -> push(text(in.s64("BINUNICODE8 length")));
                case 'C' -> push(bytes(in.u8("SHORT_BINBYTES length")));
                case 'B' -> push(bytes(in.u32("BINBYTES length")));
                case 0x8e -> push(bytes(in.s64("BINBYTES8 length")));
                case 0x96 -> push(bytes(in.s64("BYTEARRAY8 length")));
                case ')' -> push(PyTuple.of(List.of()));
                case 't' -> push(PyTuple.of(popMark()));
                case 0x85 -> push(PyTuple.of(popItems(1)));
                case 0x86 -> push(PyTuple.of(popItems(2)));
                case 0x87 -> push(PyTuple.of(popItems(3)));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> append(popItems(1));
                case 'e' -> append(popMark());
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> {
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    putAll(dict, popMark());
                    push(dict);
                }
                case 's' -> putAll(dictOnTop(popItems(2)), List.of());
                case 'u' -> putAll(dictOnTop(popMark()), List.of());
                case 'h' -> push(memoGet(in.u8("BINGET index")));
                case 'j' -> push(memoGet(in.u32("LONG_BINGET index")));
                case 'q' -> memo.put((long) in.u8("BINPUT index"), peek());
                case 'r' -> memo.put(in.u32("LONG_BINPUT index"), peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'c' ->
                        push(global(in.line("GLOBAL module", 256), in.line("GLOBAL name", 256)));
                case 0x93 -> {
                    Object name = pop();
                    push(global(pop(), name));
                }
                case 'R' -> {
                    PyTuple args = expect(pop(), PyTuple.class, "REDUCE arguments");
                    push(call(pop(), args));
                }
                case 0x81 -> {
                    PyTuple args = expect(pop(), PyTuple.class, "NEWOBJ arguments");
                    push(call(pop(), args));
                }
                case 0x92 -> {
                    Map<?, ?> kwargs = expect(pop(), Map.class, "NEWOBJ_EX keyword arguments");
                    PyTuple args = expect(pop(), PyTuple.class, "NEWOBJ_EX arguments");
                    if (!kwargs.isEmpty()) {
                        throw error("NEWOBJ_EX with keyword arguments is not supported");
                    }
                    push(call(pop(), args));
                }
                case 'b' -> build(pop());
                default -> throw error(String.format("unknown or unsupported opcode 0x%02x", op));
            }
        }
    }

    private void protocol() {
        int version = in.u8("PROTO version");
        if (version > 5) {
            throw error("pickle protocol " + version + " is not supported (2 to 5 are)");
        }
    }

    private Object finished(Object result) {
        Object value = resolve(result, "the pickle's result");
        if (value instanceof PythonGlobal || value instanceof PythonValues.LargeText) {
            throw error("the pickle's result is a " + PythonValues.typeName(value));
        }
        return value;
    }

    // ----- stack -----

    private void push(Object value) {
        stack.add(value);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw error("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
            throw error("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    /** The top {@code count} items, in order, each resolved. */
    private List<Object> popItems(int count) {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() - floor < count) {
            throw error("stack underflow");
        }
        return take(stack.size() - count);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw error("no MARK on the stack");
        }
        int mark = marks.remove(marks.size() - 1);
        return take(mark);
    }

    private List<Object> take(int from) {
        List<Object> tail = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(tail.size());
        for (Object item : tail) {
            items.add(resolve(item, "an item"));
        }
        tail.clear();
        return items;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw error("memo entry " + index + " does not exist");
        }
        return memo.get(index);
    }

    // ----- values -----

    private Object longValue(long length) {
        in.checkLength(length, "LONG");
        byte[] littleEndian = in.bytes(length, "LONG");
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        if (bigEndian.length == 0) {
            return 0L;
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private Object text(long length) {
        in.checkLength(length, "str");
        if (length > HELD_TEXT) {
            long start = in.skip(length, "str");
            return new PythonValues.LargeText(ByteData.region(in.file(), start, length));
        }
        byte[] utf8 = in.bytes(length, "str");
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error("str is not valid UTF-8");
        }
    }

    private PyBytes bytes(long length) {
        in.checkLength(length, "bytes");
        if (length > HELD_BYTES) {
            long start = in.skip(length, "bytes");
            return new PyBytes(ByteData.region(in.file(), start, length));
        }
        return new PyBytes(ByteData.of(in.bytes(length, "bytes")));
    }

    private void append(List<Object> items) {
        Object target = peek();
        if (!(target instanceof List<?>)) {
            throw error("APPEND to a " + PythonValues.typeName(target) + ", expected a list");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        list.addAll(items);
    }

    private Map<Object, Object> dictOnTop(List<Object> pairs) {
        Object target = peek();
        if (!(target instanceof Map<?, ?>)) {
            throw error("SETITEM on a " + PythonValues.typeName(target) + ", expected a dict");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) target;
        putAll(dict, pairs);
        return dict;
    }

    /** Adds key/value pairs; keys are limited to the immutable scalars dicts of data use. */
    private void putAll(Map<Object, Object> dict, List<Object> pairs) {
        if (pairs.size() % 2 != 0) {
            throw error("odd number of items for a dict: " + pairs.size());
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            Object key = pairs.get(i);
            if (!(key == null
                    || key instanceof String
                    || key instanceof Long
                    || key instanceof BigInteger
                    || key instanceof Double
                    || key instanceof Boolean)) {
                throw error("dict key of type " + PythonValues.typeName(key) + " is not supported");
            }
            dict.put(key, pairs.get(i + 1));
        }
    }

    // ----- globals, calls and BUILD -----

    private PythonGlobal global(Object module, Object name) {
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw error("STACK_GLOBAL needs two str, found " + PythonValues.typeName(module));
        }
        PythonGlobal global = PythonGlobal.find(m, n);
        if (global == null) {
            throw error(
                    "refusing global '"
                            + m
                            + "."
                            + n
                            + "': only numpy array pickles are read (accepted: "
                            + PythonGlobal.accepted()
                            + ")");
        }
        return global;
    }

    private Object call(Object callable, PyTuple args) {
        if (!(callable instanceof PythonGlobal global)) {
            throw error("cannot call a " + PythonValues.typeName(callable));
        }
        return switch (global) {
            case RECONSTRUCT -> reconstruct(args);
            case DTYPE -> new PendingDType(dtype(args));
            case FROMBUFFER -> fromBuffer(args);
            case SCALAR -> scalar(args);
            case CODECS_ENCODE -> encodeLatin1(args);
            case BYTES -> {
                if (args.size() != 0) {
                    throw error("bytes(...) with arguments is not supported");
                }
                yield new PyBytes(ByteData.of(new byte[0]));
            }
            case NDARRAY -> throw error("numpy.ndarray may only be _reconstruct's first argument");
        };
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')}: an empty array that BUILD fills. */
    private PendingArray reconstruct(PyTuple args) {
        if (args.size() != 3 || args.get(0) != PythonGlobal.NDARRAY) {
            throw error("_reconstruct expects (numpy.ndarray, shape, typecode)");
        }
        return new PendingArray();
    }

    /** {@code dtype(code, align, copy)}. */
    private DType dtype(PyTuple args) {
        if (args.size() != 3 || !(args.get(0) instanceof String code)) {
            throw error("numpy.dtype expects (str, bool, bool)");
        }
        DType dtype = DType.parse(code);
        if (dtype == null) {
            throw error("unsupported numpy dtype '" + code + "'");
        }
        return dtype;
    }

    /** {@code _frombuffer(buffer, dtype, shape, order)} of protocol 5. */
    private NdArray fromBuffer(PyTuple args) {
        if (args.size() != 4) {
            throw error("_frombuffer expects (buffer, dtype, shape, order)");
        }
        PyBytes buffer = expect(args.get(0), PyBytes.class, "_frombuffer buffer");
        DType dtype = expect(args.get(1), DType.class, "_frombuffer dtype");
        long[] shape = shape(args.get(2));
        Object order = args.get(3);
        if (!"C".equals(order) && !"F".equals(order)) {
            throw error("_frombuffer order must be 'C' or 'F', found " + order);
        }
        if (!dtype.isNumeric() && !dtype.isText()) {
            throw error("_frombuffer of dtype " + dtype.name() + " is not supported");
        }
        return NdArray.ofData(origin(), dtype, shape, "F".equals(order), buffer.data());
    }

    /** {@code scalar(dtype, bytes)}: a numpy scalar, returned as the Java value it holds. */
    private Object scalar(PyTuple args) {
        if (args.size() != 2) {
            throw error("numpy scalar expects (dtype, data)");
        }
        DType dtype = expect(args.get(0), DType.class, "numpy scalar dtype");
        if (dtype.isObject()) {
            return args.get(1);
        }
        PyBytes data = expect(args.get(1), PyBytes.class, "numpy scalar data");
        NdArray array = NdArray.ofData(origin(), dtype, new long[0], false, data.data());
        if (dtype.isText()) {
            return array.toStrings()[0];
        }
        if (dtype.kind() == 'f') {
            return (double) array.toFloats()[0];
        }
        long value = array.toLongs()[0];
        return dtype.kind() == 'b' ? (Object) (value != 0) : (Object) value;
    }

    /** {@code _codecs.encode(s, 'latin1')} of protocol 2: the bytes the str's code points are. */
    private PyBytes encodeLatin1(PyTuple args) {
        if (args.size() != 2 || !"latin1".equals(args.get(1))) {
            throw error("_codecs.encode is accepted only as encode(str, 'latin1')");
        }
        String what = origin() + ": _codecs.encode";
        if (args.get(0) instanceof PythonValues.LargeText large) {
            return new PyBytes(ByteData.latin1(large.utf8(), what));
        }
        if (!(args.get(0) instanceof String text)) {
            throw error(
                    "_codecs.encode expects a str, found " + PythonValues.typeName(args.get(0)));
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw error("_codecs.encode: code point " + (int) c + " is not latin-1");
            }
            out[i] = (byte) c;
        }
        return new PyBytes(ByteData.of(out));
    }

    private void build(Object state) {
        Object target = peek();
        Object value = resolve(state, "BUILD state");
        if (target instanceof PendingArray array && array.built == null) {
            array.built = buildArray(expect(value, PyTuple.class, "ndarray state"));
        } else if (target instanceof PendingDType dtype && dtype.built == null) {
            dtype.built = buildDType(dtype.parsed, expect(value, PyTuple.class, "dtype state"));
        } else {
            throw error("BUILD on a " + PythonValues.typeName(target) + " is not supported");
        }
    }

    /** ndarray state: {@code (version, shape, dtype, is_fortran, data)}, version optional. */
    private NdArray buildArray(PyTuple state) {
        int base = state.size() - 4;
        if (base != 0 && base != 1) {
            throw error("ndarray state has " + state.size() + " items, expected 4 or 5");
        }
        long[] shape = shape(state.get(base));
        DType dtype = expect(state.get(base + 1), DType.class, "ndarray state dtype");
        boolean fortran =
                Boolean.TRUE.equals(expect(state.get(base + 2), Boolean.class, "is_fortran"));
        Object data = state.get(base + 3);
        if (dtype.isObject()) {
            List<?> objects = expect(data, List.class, "object array data");
            return NdArray.ofObjects(origin(), dtype, shape, fortran, new ArrayList<>(objects));
        }
        PyBytes bytes = expect(data, PyBytes.class, "ndarray data");
        return NdArray.ofData(origin(), dtype, shape, fortran, bytes.data());
    }

    /** dtype state: {@code (version, endian, subarray, names, fields, elsize, align, flags...)}. */
    private DType buildDType(DType parsed, PyTuple state) {
        if (state.size() < 8 || !(state.get(1) instanceof String endian)) {
            throw error(
                    "dtype state must be a tuple of at least 8 items starting (version, endian)");
        }
        if (state.get(2) != null || state.get(3) != null || state.get(4) != null) {
            throw error("structured or sub-array dtypes are not supported");
        }
        return switch (endian) {
            case "<", "|", "=" -> parsed.withOrder(ByteOrder.LITTLE_ENDIAN);
            case ">" -> parsed.withOrder(ByteOrder.BIG_ENDIAN);
            default -> throw error("unknown dtype byte order '" + endian + "'");
        };
    }

    private long[] shape(Object value) {
        PyTuple tuple = expect(value, PyTuple.class, "shape");
        long[] shape = new long[tuple.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = expect(tuple.get(i), Long.class, "shape dimension");
            if (shape[i] < 0) {
                throw error("negative dimension " + shape[i] + " in shape");
            }
        }
        return shape;
    }

    /** A value ready for use: a pending array or dtype must have been through BUILD. */
    private Object resolve(Object value, String what) {
        if (value instanceof PendingArray array) {
            if (array.built == null) {
                throw error(what + " is an ndarray whose state was never set (BUILD missing)");
            }
            return array.built;
        }
        if (value instanceof PendingDType dtype) {
            return dtype.built == null ? dtype.parsed : dtype.built;
        }
        return value;
    }

    private <T> T expect(Object value, Class<T> type, String what) {
        Object resolved = resolve(value, what);
        if (!type.isInstance(resolved)) {
            throw error(
                    what
                            + ": expected "
                            + type.getSimpleName()
                            + ", found "
                            + PythonValues.typeName(resolved));
        }
        return type.cast(resolved);
    }

    private String origin() {
        return in.file() + ": byte " + opcodeOffset;
    }

    private InputException error(String message) {
        return in.error(opcodeOffset, message);
    }

    /** The result of {@code _reconstruct}, filled in by BUILD. */
    private static final class PendingArray {
        NdArray built;
    }

    /** The result of {@code numpy.dtype(...)}; BUILD sets its byte order. */
    private static final class PendingDType {
        final DType parsed;
        DType built;

        PendingDType(DType parsed) {
            this.parsed = parsed;
        }
    }
}
