package io.tributary.data.pickle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a pickle byte for byte as CPython's pickler does at protocol 4 with numpy 1.x's arrays
 * (DESIGN.md section 6): dicts of str keys, and {@link PickledArray}s as {@code
 * numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')} then BUILD with {@code (1, shape,
 * dtype, False, data)}, the data a bytes object (a list of str for object arrays).
 *
 * <p>Like CPython it writes opcodes into frames of about 64 KiB ({@code FRAME}), committing a frame
 * before saving a value once the frame holds 64 KiB or more; a bytes or str payload of 64 KiB or
 * more leaves the frames and goes straight to the output (BINBYTES, or BINBYTES8 past 4 GiB), so a
 * large array streams from its {@link PickledArray.Body} to the file and is never held. Every
 * object is memoized ({@code MEMOIZE}); a value seen before is fetched back ({@code BINGET}) when
 * Python would hold it as the same object: a global, a dtype, the one-byte {@code b'b'}, an empty
 * bytes, a str of at most one Latin-1 character, dict keys and the elements of a shared {@link
 * PickledArray.Strings}.
 */
final class Pickler {

    private static final int FRAME_SIZE_TARGET = 64 * 1024;
    private static final int FRAME_SIZE_MIN = 4;
    private static final int BATCH_SIZE = 1000;

    private static final int MARK = '(';
    private static final int STOP = '.';
    private static final int NONE = 'N';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int LONG1 = 0x8a;
    private static final int SHORT_BINUNICODE = 0x8c;
    private static final int BINUNICODE = 'X';
    private static final int SHORT_BINBYTES = 'C';
    private static final int BINBYTES = 'B';
    private static final int BINBYTES8 = 0x8e;
    private static final int EMPTY_TUPLE = ')';
    private static final int TUPLE = 't';
    private static final int[] TUPLE_N = {EMPTY_TUPLE, 0x85, 0x86, 0x87};
    private static final int EMPTY_LIST = ']';
    private static final int APPEND = 'a';
    private static final int APPENDS = 'e';
    private static final int EMPTY_DICT = '}';
    private static final int SETITEM = 's';
    private static final int SETITEMS = 'u';
    private static final int STACK_GLOBAL = 0x93;
    private static final int REDUCE = 'R';
    private static final int BUILD = 'b';
    private static final int MEMOIZE = 0x94;
    private static final int BINGET = 'h';
    private static final int LONG_BINGET = 'j';
    private static final int PROTO = 0x80;
    private static final int FRAME = 0x95;

    /** {@code b'b'}: the type code {@code _reconstruct} is called with. */
    private static final Bytes RECONSTRUCT_CODE = new Bytes("b");

    private final OutputStream file;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(2 * FRAME_SIZE_TARGET);
    private final Map<Object, Integer> memo = new HashMap<>();
    private boolean framing;
    private int memoSize;

    private Pickler(OutputStream file) {
        this.file = file;
    }

    /**
     * Pickles {@code value}, a dict whose values are dicts or {@link PickledArray}s, to {@code out}
     * at protocol 4 (not closed, not flushed).
     */
    static void dump(Map<String, ?> value, OutputStream out) throws IOException {
        Pickler pickler = new Pickler(out);
        out.write(new byte[] {(byte) PROTO, 4});
        pickler.framing = true;
        pickler.save(value);
        pickler.write(STOP);
        pickler.commitFrame(true);
    }

    /** A str; equal shared ones are one object. */
    private record Str(String value, boolean shared) {}

    /** A small bytes object given as Latin-1 text. */
    private record Bytes(String latin1) {}

    /** The data of a numeric array: a bytes object written from the array's body. */
    private record Payload(PickledArray.Numbers numbers) {}

    /** A tuple. */
    private record Tuple(List<Object> items) {
        static Tuple of(Object... items) {
            return new Tuple(Arrays.asList(items));
        }
    }

    /** A module-level name, written with STACK_GLOBAL. */
    private record Global(PythonGlobal global) {}

    /** A numpy dtype, one object per type code. */
    private record DTypeValue(String code) {}

    private void save(Object value) throws IOException {
        commitFrame(false);
        Object key = memoKey(value);
        Integer index = key == null ? null : memo.get(key);
        if (index != null) {
            get(index);
        } else if (value == null) {
            write(NONE);
        } else if (value instanceof Boolean b) {
            write(b ? NEWTRUE : NEWFALSE);
        } else if (value instanceof Long n) {
            saveInt(n);
        } else if (value instanceof String s) {
            saveStr(new Str(s, true));
        } else if (value instanceof Str s) {
            saveStr(s);
        } else if (value instanceof Bytes b) {
            saveBytes(b);
        } else if (value instanceof Payload p) {
            savePayload(p);
        } else if (value instanceof Tuple t) {
            saveTuple(t);
        } else if (value instanceof Global g) {
            saveGlobal(g);
        } else if (value instanceof DTypeValue d) {
            saveDType(d);
        } else if (value instanceof PickledArray a) {
            saveArray(a);
        } else if (value instanceof List<?> list) {
            saveList(list);
        } else if (value instanceof Map<?, ?> dict) {
            saveDict(dict);
        } else {
            throw new IllegalArgumentException(
                    "cannot pickle a " + value.getClass().getSimpleName());
        }
    }

    /** What identifies a value Python would hold as one object; null for a new object. */
    private static Object memoKey(Object value) {
        if (value instanceof String s) {
            return new Str(s, true);
        }
        if (value instanceof Str s && (s.shared() || isCachedByCPython(s.value()))) {
            return new Str(s.value(), true);
        }
        if (value instanceof Bytes b && b.latin1().length() <= 1) {
            return b;
        }
        if (value instanceof Payload p && p.numbers().byteCount() == 0) {
            return new Bytes("");
        }
        if (value instanceof Global || value instanceof DTypeValue) {
            return value;
        }
        return null;
    }

    /** CPython keeps one object for the empty str and each one-character Latin-1 str. */
    private static boolean isCachedByCPython(String s) {
        return s.isEmpty() || (s.length() == 1 && s.charAt(0) < 256);
    }

    private void saveInt(long n) throws IOException {
        if (n >= 0 && n <= 0xff) {
            write(BININT1);
            write((int) n);
        } else if (n >= 0 && n <= 0xffff) {
            write(BININT2);
            writeLittleEndian(n, 2);
        } else if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            write(BININT);
            writeLittleEndian(n, 4);
        } else {
            byte[] bigEndian = BigInteger.valueOf(n).toByteArray();
            write(LONG1);
            write(bigEndian.length);
            for (int i = bigEndian.length - 1; i >= 0; i--) {
                write(bigEndian[i] & 0xff);
            }
        }
    }

    private void saveStr(Str s) throws IOException {
        byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= 0xff) {
            write(SHORT_BINUNICODE);
            write(utf8.length);
            write(utf8);
        } else if (utf8.length >= FRAME_SIZE_TARGET) {
            writeLarge(BINUNICODE, utf8.length, out -> out.write(utf8));
        } else {
            write(BINUNICODE);
            writeLittleEndian(utf8.length, 4);
            write(utf8);
        }
        memoize(memoKey(s));
    }

    private void saveBytes(Bytes b) throws IOException {
        byte[] bytes = b.latin1().getBytes(StandardCharsets.ISO_8859_1);
        write(SHORT_BINBYTES);
        write(bytes.length);
        write(bytes);
        memoize(memoKey(b));
    }

    private void saveTuple(Tuple t) throws IOException {
        int n = t.items().size();
        if (n == 0) {
            write(EMPTY_TUPLE);
            return;
        }
        if (n > 3) {
            write(MARK);
        }
        for (Object item : t.items()) {
            save(item);
        }
        write(n > 3 ? TUPLE : TUPLE_N[n]);
        memoize(null);
    }

    private void saveGlobal(Global g) throws IOException {
        save(g.global().module());
        save(g.global().attribute());
        write(STACK_GLOBAL);
        memoize(g);
    }

    private void saveList(List<?> list) throws IOException {
        write(EMPTY_LIST);
        memoize(null);
        saveBatches(list, APPEND, APPENDS, this::save);
    }

    private void saveDict(Map<?, ?> dict) throws IOException {
        write(EMPTY_DICT);
        memoize(null);
        saveBatches(
                List.copyOf(dict.entrySet()),
                SETITEM,
                SETITEMS,
                entry -> {
                    save(entry.getKey());
                    save(entry.getValue());
                });
    }

    /** Saves one item of a list or dict. */
    @FunctionalInterface
    private interface ItemSaver<T> {
        void save(T item) throws IOException;
    }

    /**
     * Items as CPython's pickler adds them to a list or dict: one item alone with {@code single};
     * more in batches of 1000, each {@code MARK ... batch}, the last batch however small.
     */
    private <T> void saveBatches(List<T> items, int single, int batch, ItemSaver<T> saver)
            throws IOException {
        if (items.size() == 1) {
            saver.save(items.get(0));
            write(single);
            return;
        }
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            write(MARK);
            for (T item : items.subList(from, Math.min(items.size(), from + BATCH_SIZE))) {
                saver.save(item);
            }
            write(batch);
        }
    }

    /**
     * {@code dtype(code, False, True)} then BUILD with {@code (3, byte order, None, None, None, -1,
     * -1, flags)}: numpy's reduction of a built-in dtype (flags 63 for object, else 0).
     */
    private void saveDType(DTypeValue d) throws IOException {
        boolean object = d.code().startsWith("O");
        saveReduce(
                new Global(PythonGlobal.DTYPE),
                Tuple.of(new Str(d.code(), false), false, true),
                d,
                Tuple.of(3L, object ? "|" : "<", null, null, null, -1L, -1L, object ? 63L : 0L));
    }

    /** numpy's reduction of an array, in C order. */
    private void saveArray(PickledArray array) throws IOException {
        Object[] shape = Arrays.stream(array.shape()).boxed().toArray();
        String code = "O8";
        Object data;
        if (array instanceof PickledArray.Numbers numbers) {
            code = numbers.code();
            data = new Payload(numbers);
        } else {
            PickledArray.Strings strings = (PickledArray.Strings) array;
            data = strings.values().stream().map(v -> new Str(v, strings.shared())).toList();
        }
        saveReduce(
                new Global(PythonGlobal.RECONSTRUCT),
                Tuple.of(new Global(PythonGlobal.NDARRAY), Tuple.of(0L), RECONSTRUCT_CODE),
                null,
                Tuple.of(1L, new Tuple(Arrays.asList(shape)), new DTypeValue(code), false, data));
    }

    private void saveReduce(Global function, Tuple arguments, Object key, Tuple state)
            throws IOException {
        save(function);
        save(arguments);
        write(REDUCE);
        memoize(key);
        save(state);
        write(BUILD);
    }

    /** An array's data as bytes; 64 KiB or more go straight to the file, outside the frames. */
    private void savePayload(Payload payload) throws IOException {
        PickledArray.Numbers numbers = payload.numbers();
        long size = numbers.byteCount();
        PayloadWriter data = out -> writeBody(numbers, size, out);
        if (size <= 0xff) {
            write(SHORT_BINBYTES);
            write((int) size);
            data.write(frameOrFile());
        } else if (size > 0xffffffffL) {
            writeLarge(BINBYTES8, size, data);
        } else if (size >= FRAME_SIZE_TARGET) {
            writeLarge(BINBYTES, size, data);
        } else {
            write(BINBYTES);
            writeLittleEndian(size, 4);
            data.write(frameOrFile());
        }
        memoize(memoKey(payload));
    }

    private static void writeBody(PickledArray.Numbers numbers, long size, OutputStream out)
            throws IOException {
        PickledArray.ElementOutput elements = new PickledArray.ElementOutput(out);
        numbers.body().write(elements);
        long written = elements.finish();
        if (written != size) {
            throw new IllegalStateException(
                    "array of shape "
                            + Arrays.toString(numbers.shape())
                            + " and type "
                            + numbers.code()
                            + " announced "
                            + size
                            + " bytes, its body wrote "
                            + written);
        }
    }

    /** Writes the bytes of a str or bytes payload. */
    @FunctionalInterface
    private interface PayloadWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A payload of 64 KiB or more: straight to the file after the current frame, as CPython. */
    private void writeLarge(int opcode, long size, PayloadWriter payload) throws IOException {
        commitFrame(true);
        file.write(opcode);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(size);
        file.write(length.array(), 0, opcode == BINUNICODE || opcode == BINBYTES ? 4 : 8);
        payload.write(file);
    }

    private void memoize(Object key) throws IOException {
        write(MEMOIZE);
        if (key != null) {
            memo.put(key, memoSize);
        }
        memoSize++;
    }

    private void get(int index) throws IOException {
        if (index <= 0xff) {
            write(BINGET);
            write(index);
        } else {
            write(LONG_BINGET);
            writeLittleEndian(index, 4);
        }
    }

    /** Ends the current frame when it holds the target size or more, or when forced. */
    private void commitFrame(boolean force) throws IOException {
        if (!framing || (frame.size() < FRAME_SIZE_TARGET && !force)) {
            return;
        }
        if (frame.size() >= FRAME_SIZE_MIN) {
            file.write(FRAME);
            file.write(
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(frame.size())
                            .array());
        }
        frame.writeTo(file);
        frame.reset();
    }

    private OutputStream frameOrFile() {
        return framing ? frame : file;
    }

    private void write(int b) throws IOException {
        frameOrFile().write(b);
    }

    private void write(byte[] bytes) throws IOException {
        frameOrFile().write(bytes);
    }

    private void writeLittleEndian(long value, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
