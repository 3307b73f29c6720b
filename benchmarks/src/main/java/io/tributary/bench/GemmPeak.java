package io.tributary.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;

/**
 * The fp32 matrix-multiply peak of this process's PyTorch (through DJL's {@code matMul}): 2 n^3
 * FLOPs per n x n by n x n product, the best of {@code repeats} after one untimed.
 */
final class GemmPeak {

    private GemmPeak() {}

    static JsonObject measure(NDManager manager, int n, int repeats) {
        double best = Double.MAX_VALUE;
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomNormal(0f, 1f, new Shape(n, n), DataType.FLOAT32);
            NDArray b = scope.randomNormal(0f, 1f, new Shape(n, n), DataType.FLOAT32);
            for (int i = 0; i <= repeats; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (i > 0) {
                        best = Math.min(best, seconds);
                    }
                }
            }
        }
        JsonObject gemm = new JsonObject();
        gemm.addProperty("n", n);
        gemm.addProperty("best_seconds", best);
        gemm.addProperty("gflops", 2.0 * n * n * n / best / 1e9);
        return gemm;
    }
}
