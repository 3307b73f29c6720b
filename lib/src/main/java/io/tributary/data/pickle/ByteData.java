package io.tributary.data.pickle;

import io.tributary.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of a pickled {@code bytes} or {@code bytearray} object. Small ones are held; large ones
 * stay in the file as an (offset, length) region and are read in chunks only when an array is
 * materialised, so a key that nobody asks for is never read and a payload may exceed 2^31 bytes.
 */
abstract class ByteData {

    /** Receives the bytes in order, one chunk at a time (little-endian view, valid during call). */
    @FunctionalInterface
    interface ChunkSink {
        void accept(ByteBuffer chunk);
    }

    static final int CHUNK_SIZE = 1 << 20;

    abstract long size();

    abstract void stream(ChunkSink sink);

    static ByteData of(byte[] bytes) {
        return new Held(bytes);
    }

    static ByteData region(Path file, long offset, long length) {
        return new Region(file, offset, length);
    }

    /**
     * Protocol 2 stores array data as a str whose code points are the bytes ({@code
     * _codecs.encode(s, 'latin1')}); in the file that str is UTF-8, two bytes for code points 128
     * to 255. This decodes it back, checking that no code point exceeds 255.
     */
    static ByteData latin1(ByteData utf8, String what) {
        return new Latin1(utf8, what);
    }

    /** Held bytes. */
    private static final class Held extends ByteData {
        private final byte[] bytes;

        Held(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        long size() {
            return bytes.length;
        }

        @Override
        void stream(ChunkSink sink) {
            sink.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** Bytes left in the file, read by position in chunks. */
    private static final class Region extends ByteData {
        private final Path file;
        private final long offset;
        private final long length;

        Region(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        @Override
        long size() {
            return length;
        }

        @Override
        void stream(ChunkSink sink) {
            ByteBuffer chunk =
                    ByteBuffer.allocate((int) Math.min(CHUNK_SIZE, Math.max(length, 1)))
                            .order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long done = 0;
                while (done < length) {
                    chunk.clear();
                    chunk.limit((int) Math.min(chunk.capacity(), length - done));
                    while (chunk.hasRemaining()) {
                        if (channel.read(chunk, offset + done + chunk.position()) < 0) {
                            throw new InputException(
                                    file
                                            + ": byte "
                                            + (offset + done + chunk.position())
                                            + ": file ended inside a "
                                            + length
                                            + "-byte array payload (was it changed while read?)");
                        }
                    }
                    chunk.flip();
                    done += chunk.remaining();
                    sink.accept(chunk);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Latin-1 code points stored as UTF-8, decoded to the bytes they stand for. */
    private static final class Latin1 extends ByteData {
        private final ByteData utf8;
        private final String what;
        private long size = -1;

        Latin1(ByteData utf8, String what) {
            this.utf8 = utf8;
            this.what = what;
        }

        @Override
        long size() {
            if (size < 0) {
                long[] count = {0};
                utf8.stream(
                        chunk -> {
                            while (chunk.hasRemaining()) {
                                if ((chunk.get() & 0xC0) != 0x80) {
                                    count[0]++;
                                }
                            }
                        });
                size = count[0];
            }
            return size;
        }

        @Override
        void stream(ChunkSink sink) {
            ByteBuffer out = ByteBuffer.allocate(CHUNK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            int[] lead = {-1};
            utf8.stream(
                    chunk -> {
                        while (chunk.hasRemaining()) {
                            int b = chunk.get() & 0xFF;
                            int value;
                            if (lead[0] >= 0) {
                                if ((b & 0xC0) != 0x80) {
                                    throw notLatin1();
                                }
                                value = ((lead[0] & 0x03) << 6) | (b & 0x3F);
                                lead[0] = -1;
                            } else if (b < 0x80) {
                                value = b;
                            } else if (b == 0xC2 || b == 0xC3) {
                                lead[0] = b;
                                continue;
                            } else {
                                throw notLatin1();
                            }
                            out.put((byte) value);
                            if (!out.hasRemaining()) {
                                out.flip();
                                sink.accept(out);
                                out.clear();
                            }
                        }
                    });
            if (lead[0] >= 0) {
                throw notLatin1();
            }
            out.flip();
            sink.accept(out);
        }

        private InputException notLatin1() {
            return new InputException(
                    what + ": array data is not a latin-1 string (code point above 255)");
        }
    }
}
