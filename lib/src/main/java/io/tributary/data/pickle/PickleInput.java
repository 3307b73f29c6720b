package io.tributary.data.pickle;

import io.tributary.core.InputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A pickle file read front to back through a small buffer over a {@link FileChannel}. Lengths read
 * from the file are checked against the bytes left before anything is allocated for them, and every
 * error names the file and the byte offset where it was found.
 */
final class PickleInput implements Closeable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer;
    private long bufferStart;

    PickleInput(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + file + ": " + e.getMessage(), e);
        }
        buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        buffer.limit(0);
    }

    Path file() {
        return file;
    }

    /** The offset of the next byte to be read. */
    long position() {
        return bufferStart + buffer.position();
    }

    long remaining() {
        return size - position();
    }

    int u8(String what) {
        require(1, what);
        return buffer.get() & 0xFF;
    }

    int u16(String what) {
        require(2, what);
        return buffer.getShort() & 0xFFFF;
    }

    int s32(String what) {
        require(4, what);
        return buffer.getInt();
    }

    long u32(String what) {
        require(4, what);
        return buffer.getInt() & 0xFFFFFFFFL;
    }

    long s64(String what) {
        require(8, what);
        return buffer.getLong();
    }

    double f64BigEndian(String what) {
        require(8, what);
        return Double.longBitsToDouble(Long.reverseBytes(buffer.getLong()));
    }

    /** Reads {@code length} bytes into a new array, after checking that the file holds them. */
    byte[] bytes(long length, String what) {
        checkLength(length, what);
        if (length > Integer.MAX_VALUE - 8) {
            throw error(what + " of " + length + " bytes is too large to hold in memory");
        }
        byte[] out = new byte[(int) length];
        int done = 0;
        while (done < out.length) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int n = Math.min(buffer.remaining(), out.length - done);
            buffer.get(out, done, n);
            done += n;
        }
        return out;
    }

    /** Steps over {@code length} bytes without reading them; returns the offset they start at. */
    long skip(long length, String what) {
        checkLength(length, what);
        long start = position();
        if (length <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) length);
        } else {
            bufferStart = start + length;
            buffer.limit(0);
        }
        return start;
    }

    /** A text line (protocol 0 arguments such as GLOBAL's), without its newline. */
    String line(String what, int maxLength) {
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = u8(what);
            if (c == '\n') {
                return text.toString();
            }
            if (text.length() == maxLength) {
                throw error(what + ": no newline within " + maxLength + " bytes");
            }
            text.append((char) c);
        }
    }

    /** A length read from the file must fit in what is left of it. */
    void checkLength(long length, String what) {
        if (length < 0 || length > remaining()) {
            throw error(
                    "truncated or corrupt: "
                            + what
                            + " claims "
                            + Long.toUnsignedString(length)
                            + " bytes, "
                            + remaining()
                            + " left in the file");
        }
    }

    InputException error(String message) {
        return error(position(), message);
    }

    InputException error(long offset, String message) {
        return new InputException(file + ": byte " + offset + ": " + message);
    }

    private void require(int count, String what) {
        if (buffer.remaining() >= count) {
            return;
        }
        checkLength(count, what);
        fill();
    }

    /** Moves the unread bytes to the front of the buffer and reads more after them. */
    private void fill() {
        long start = position();
        buffer.compact();
        bufferStart = start;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, bufferStart + buffer.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            buffer.flip();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
