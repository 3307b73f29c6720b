package io.tributary.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.testing.Golden;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The injection branch against fixtures/inject: an independent PyTorch transcription, eval mode.
 */
class InjectionBranchGoldenTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void attentionGateAndGatedOutputAgreeWithTheTranscription() {
        SafetensorsFile golden = Golden.open("/fixtures/inject/inject_golden.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray h = golden.array("branch.input.h", manager);
            NDArray m = golden.array("branch.input.M", manager);
            InjectionBranchBlock branch =
                    InjectionBranchBlock.builder()
                            .setHiddenSize(32)
                            .optAttentionDim(32)
                            .optFeedForwardSize(64)
                            .build();
            branch.initialize(manager, DataType.FLOAT32, h.getShape(), m.getShape());
            BlockParameters.load(branch, golden, ReferenceForward::branchKey);

            NDList out =
                    branch.forward(new ParameterStore(manager, false), new NDList(h, m), false);

            Golden.assertClose(
                    "attention",
                    golden.array("branch.output.attention", manager),
                    out.get(3),
                    TOLERANCE);
            Golden.assertClose(
                    "gate", golden.array("branch.output.gate", manager), out.get(2), TOLERANCE);
            Golden.assertClose(
                    "gated_x",
                    golden.array("branch.output.gated_x", manager),
                    out.get(0),
                    TOLERANCE);
        }
    }

    @Test
    void everyBranchWeightOfTheFixtureHasOneParameter() {
        SafetensorsFile golden = Golden.open("/fixtures/inject/inject_golden.safetensors");
        Set<String> weights =
                golden.keys().stream()
                        .filter(k -> k.startsWith("branch.") && !k.contains("put."))
                        .collect(Collectors.toCollection(TreeSet::new));
        InjectionBranchBlock branch =
                InjectionBranchBlock.builder().setHiddenSize(32).optAttentionDim(32).build();
        Set<String> mapped =
                BlockParameters.named(branch).keySet().stream()
                        .map(ReferenceForward::branchKey)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(weights, mapped);
    }
}
