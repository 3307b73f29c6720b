package io.tributary.data.pickle;

import io.tributary.core.InputException;
import java.nio.ByteBuffer;

/** A Python {@code bytes} or {@code bytearray}; large ones stay in the file until read. */
public final class PyBytes {

    private static final long MAX_READ = 1L << 28;

    private final ByteData data;

    PyBytes(ByteData data) {
        this.data = data;
    }

    ByteData data() {
        return data;
    }

    public long size() {
        return data.size();
    }

    /** The bytes, read into memory (at most 256 MiB). */
    public byte[] toArray() {
        if (data.size() > MAX_READ) {
            throw new InputException(
                    "a bytes object of " + data.size() + " bytes is too large to read whole");
        }
        ByteBuffer out = ByteBuffer.allocate((int) data.size());
        data.stream(out::put);
        return out.array();
    }
}
