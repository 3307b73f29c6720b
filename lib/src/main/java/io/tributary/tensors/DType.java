package io.tributary.tensors;

import java.nio.ByteBuffer;

/** The safetensors element types we read, each with its width and its conversion to float. */
enum DType {
    F64(8),
    F32(4),
    F16(2),
    BF16(2),
    I64(8),
    I32(4),
    I16(2),
    I8(1),
    U8(1),
    BOOL(1);

    final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Reads the element at {@code index} of a little-endian buffer as a float. */
    float read(ByteBuffer data, int index) {
        int at = index * bytes;
        return switch (this) {
            case F64 -> (float) data.getDouble(at);
            case F32 -> data.getFloat(at);
            case F16 -> halfToFloat(data.getShort(at));
            case BF16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case I64 -> data.getLong(at);
            case I32 -> data.getInt(at);
            case I16 -> data.getShort(at);
            case I8 -> data.get(at);
            case U8, BOOL -> data.get(at) & 0xff;
        };
    }

    /** IEEE 754 binary16 to binary32, subnormals, infinities and NaN included. */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
