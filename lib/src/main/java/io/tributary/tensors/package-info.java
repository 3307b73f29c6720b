/**
 * Safetensors, read and written by our own code: every size in a header is checked against the file
 * before anything is allocated, errors name the file and the key, and F16/BF16 become F32 in Java
 * (DJL aborts the JVM on BF16).
 */
package io.tributary.tensors;
