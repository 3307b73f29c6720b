package io.tributary.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionBranchBlockTest {

    private static NDList run(NDManager manager, GateBlock.Kind kind, boolean training) {
        manager.getEngine().setRandomSeed(3);
        InjectionBranchBlock branch =
                InjectionBranchBlock.builder()
                        .setHiddenSize(8)
                        .optAttentionDim(4)
                        .optFeedForwardSize(16)
                        .optGate(kind)
                        .optDropout(0.5f)
                        .build();
        NDArray h = manager.randomNormal(new Shape(2, 5, 8));
        NDArray m = manager.randomNormal(new Shape(2, 2, 8));
        branch.initialize(manager, DataType.FLOAT32, h.getShape(), m.getShape());
        return branch.forward(new ParameterStore(manager, false), new NDList(h, m), training);
    }

    @Test
    void returnsGatedXXGateAndAttentionForEveryGate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (GateBlock.Kind kind : GateBlock.Kind.values()) {
                NDList out = run(manager, kind, false);
                assertEquals(
                        List.of(
                                new Shape(2, 5, 8),
                                new Shape(2, 5, 8),
                                new Shape(2, 5),
                                new Shape(2, 5, 2)),
                        List.of(
                                out.get(0).getShape(),
                                out.get(1).getShape(),
                                out.get(2).getShape(),
                                out.get(3).getShape()),
                        kind.name());
            }
        }
    }

    @Test
    void scalarGateScalesXByTheReturnedGate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList out = run(manager, GateBlock.Kind.SIMILARITY, false);
            NDArray expected = out.get(1).mul(out.get(2).expandDims(-1));
            assertArrayEquals(expected.toFloatArray(), out.get(0).toFloatArray(), 1e-6f);
            NDList ungated = run(manager, GateBlock.Kind.NONE, false);
            assertArrayEquals(ungated.get(1).toFloatArray(), ungated.get(0).toFloatArray());
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] eval = run(manager, GateBlock.Kind.NONE, false).get(1).toFloatArray();
            assertArrayEquals(eval, run(manager, GateBlock.Kind.NONE, false).get(1).toFloatArray());
            float[] train = run(manager, GateBlock.Kind.NONE, true).get(1).toFloatArray();
            assertFalse(Arrays.equals(eval, train));
        }
    }

    @Test
    void everyGateParameterIsUnderGate() {
        InjectionBranchBlock learned =
                InjectionBranchBlock.builder()
                        .setHiddenSize(8)
                        .optGate(GateBlock.Kind.LEARNED)
                        .build();
        assertEquals(
                List.of("gate.Wg.weight", "gate.Wg.bias"),
                BlockParameters.named(learned).keySet().stream()
                        .filter(name -> name.startsWith("gate."))
                        .toList());
        InjectionBranchBlock similarity = InjectionBranchBlock.builder().setHiddenSize(8).build();
        assertEquals(
                List.of(
                        "attention.Wq.weight",
                        "attention.Wk.weight",
                        "attention.Wk.bias",
                        "attention.u.weight",
                        "attention.Wv.weight",
                        "attention.Wv.bias",
                        "ffn.0.weight",
                        "ffn.0.bias",
                        "ffn.3.weight",
                        "ffn.3.bias",
                        "gate.w",
                        "gate.b"),
                List.copyOf(BlockParameters.named(similarity).keySet()));
    }

    @Test
    void builderRefusesAMissingWidth() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> InjectionBranchBlock.builder().optAttentionDim(4).build());
        assertEquals("hiddenSize must be set to a positive width, found -1", e.getMessage());
    }
}
