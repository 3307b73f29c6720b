package io.tributary.inject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAG against fixtures/mag: MAG-BERT's own class in eval mode, for three values of beta_shift. */
class MagBlockGoldenTest {

    private static final float TOLERANCE = 1e-5f;

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "0.05", "50.0"})
    void outputAgreesWithMagBert(String beta) {
        SafetensorsFile golden = Golden.open("/fixtures/mag/mag_golden.safetensors");
        String prefix = "beta" + beta + ".";
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray e = golden.array(prefix + "input.text_embedding", manager);
            NDArray v = golden.array(prefix + "input.visual", manager);
            NDArray a = golden.array(prefix + "input.acoustic", manager);
            MagBlock mag =
                    MagBlock.builder()
                            .setHiddenSize(32)
                            .optBetaShift(Float.parseFloat(beta))
                            .build();
            mag.initialize(manager, DataType.FLOAT32, e.getShape(), v.getShape(), a.getShape());
            BlockParameters.load(mag, golden, name -> prefix + name);

            NDList out =
                    mag.forward(new ParameterStore(manager, false), new NDList(e, v, a), false);

            Golden.assertClose(
                    "MAG beta " + beta,
                    golden.array(prefix + "output", manager),
                    out.head(),
                    TOLERANCE);
        }
    }
}
