package io.tributary.inject;

import static io.tributary.nn.MultimodalModel.named;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.bert.BertConfig;
import io.tributary.bert.BertLayer;
import io.tributary.bert.BertModel;
import io.tributary.nn.LstmEncoderBlock;
import io.tributary.nn.Masked;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import io.tributary.nn.MultimodalModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gated injection model (DESIGN.md section 1) and, with fewer parts, its baselines: text-only
 * BERT and MAG-BERT. One loop over BERT's layers serves all three:
 *
 * <pre>
 *   E       = Embeddings(ids)                      MAG: E = MAG(E, v, a)
 *   z_m     = W_m LSTM_m(X_m)[last valid frame]    m in {a, v} read;  M = [z_a; z_v]  (B, J, d)
 *   H^{k+1} = BertLayer_k(H^k) + g ⊙ X             parallel, for each injected layer k
 *           = BertLayer_k(H^k + g ⊙ X)             sequential
 *   z_l     = Pooler(H^L);   y = W_o Dropout(z_l)
 * </pre>
 *
 * where {@code g ⊙ X} is {@link InjectionBranchBlock}'s output over H^k and M. Inputs {@code
 * [input_ids, attention_mask, token_type_ids (B, T), audio (B, T_a, d_a), audio_mask (B, T_a),
 * vision (B, T_v, d_v), vision_mask (B, T_v)]}; {@code input_ids} may be word vectors (B, T, d_w),
 * which a Linear maps to BERT's width in place of its word embeddings.
 *
 * <p>Outputs, each named as given here, the first in {@link io.tributary.loss.LossInputs}' order:
 * {@code prediction} y, (B, 1) for regression or (B, E, 2) logits for E emotions; {@code z_l} (B,
 * d); for the injection model then {@code z_a} and {@code z_v} (B, d), each only where its stream
 * is read ({@code modalities}: a stream left out has no encoder, no key and no z_m), and, for each
 * injected layer k in ascending order, its gate {@code gate_k} (B, T) ({@link #gateOutput}) and its
 * attention {@code attention_k} (B, T, J) over the J keys ({@link #attentionOutput}). {@link
 * #getOutputShapes} declares the same shapes.
 */
public final class InjectionModel extends AbstractBlock implements MultimodalModel {

    private final InjectionConfig config;
    private final BertConfig bertConfig;
    private final ModelInputs inputs;
    private final BertModel bert;
    private final Linear wordProjection;
    private final MagBlock mag;
    private final LstmEncoderBlock acousticEncoder;
    private final Linear acousticProjection;
    private final LstmEncoderBlock visualEncoder;
    private final Linear visualProjection;
    private final Map<Integer, InjectionBranchBlock> branches = new TreeMap<>();
    private final Linear head;

    public InjectionModel(InjectionConfig config, BertConfig bertConfig, ModelInputs inputs) {
        this.config = config;
        this.bertConfig = bertConfig;
        this.inputs = inputs;
        int d = bertConfig.hiddenSize();
        bert = addChildBlock("bert", new BertModel(bertConfig));
        wordProjection =
                inputs.wordVectorDim() > 0
                        ? addChildBlock("word_projection", Linear.builder().setUnits(d).build())
                        : null;
        boolean injection = config.model() == ModelKind.INJECTION;
        mag =
                config.model() == ModelKind.MAG
                        ? addChildBlock(
                                "mag",
                                MagBlock.builder()
                                        .setHiddenSize(d)
                                        .optBetaShift(config.betaShift())
                                        .optDropout(config.magDropout())
                                        .optModalities(config.modalities())
                                        .build())
                        : null;
        boolean acoustic = injection && config.modalities().acoustic();
        boolean visual = injection && config.modalities().visual();
        acousticEncoder = acoustic ? addChildBlock("acoustic_encoder", lstm()) : null;
        acousticProjection = acoustic ? addChildBlock("acoustic_projection", linear(d)) : null;
        visualEncoder = visual ? addChildBlock("visual_encoder", lstm()) : null;
        visualProjection = visual ? addChildBlock("visual_projection", linear(d)) : null;
        if (injection) {
            for (int k : config.injectedLayers(bertConfig.numHiddenLayers())) {
                branches.put(k, addChildBlock("branch." + k, branch(d)));
            }
        }
        head = addChildBlock("head", linear(inputs.headSize()));
    }

    private LstmEncoderBlock lstm() {
        return LstmEncoderBlock.builder().setHidden(config.nonverbalHidden()).build();
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private InjectionBranchBlock branch(int d) {
        return InjectionBranchBlock.builder()
                .setHiddenSize(d)
                .optAttentionDim(config.attentionDim())
                .optFeedForwardSize(config.branchFf() == 0 ? d : config.branchFf())
                .optGate(config.gate())
                .optDropout(config.dropout())
                .build();
    }

    @Override
    public InjectionConfig config() {
        return config;
    }

    @Override
    public ModelInputs inputs() {
        return inputs;
    }

    public BertModel bert() {
        return bert;
    }

    /** The injected layer indices, ascending. */
    public List<Integer> injectedLayers() {
        return new ArrayList<>(branches.keySet());
    }

    /** The name of layer k's gate among the outputs, {@code gate_k}: (B, T). */
    public static String gateOutput(int layer) {
        return "gate_" + layer;
    }

    /**
     * The name of layer k's attention weights among the outputs, {@code attention_k}: (B, T, J).
     */
    public static String attentionOutput(int layer) {
        return "attention_" + layer;
    }

    /** The parameters of every branch's gate ({@link GateBlock}): they learn at {@code gate_lr}. */
    @Override
    public List<Parameter> gateParameters() {
        List<Parameter> gates = new ArrayList<>();
        for (InjectionBranchBlock branch : branches.values()) {
            gates.addAll(branch.gate().getParameters().values());
        }
        return gates;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray ids = in.get(0); // (B, T) or (B, T, d_w)
        NDArray textMask = in.get(1); // (B, T)
        NDArray audio = in.get(3); // (B, T_a, d_a)
        NDArray audioMask = in.get(4); // (B, T_a)
        NDArray vision = in.get(5); // (B, T_v, d_v)
        NDArray visionMask = in.get(6); // (B, T_v)
        if (wordProjection != null) {
            ids = wordProjection.forward(ps, new NDList(ids), training).head(); // (B, T, d)
        }
        NDArray h = bert.embeddings().forward(ps, new NDList(ids, in.get(2)), training).head();
        if (mag != null) {
            long t = h.getShape().get(1);
            NDList aligned = new NDList(h, toLength(vision, t), toLength(audio, t));
            h = mag.forward(ps, aligned, training).head(); // (B, T, d)
        }
        NDArray mask = BertModel.extendedMask(textMask); // (B, 1, 1, T)
        Nonverbal m =
                branches.isEmpty()
                        ? null
                        : nonverbal(ps, audio, audioMask, vision, visionMask, training);
        NDList branchOutputs = new NDList();
        List<BertLayer> layers = bert.encoder().layers();
        for (int k = 0; k < layers.size(); k++) {
            InjectionBranchBlock branch = branches.get(k);
            if (branch == null) {
                h = layers.get(k).forward(ps, new NDList(h, mask), training).head();
                continue;
            }
            NDList out = branch.forward(ps, new NDList(h, m.keys, m.keyMask), training);
            NDArray gx = out.get(0); // (B, T, d)
            branchOutputs.add(named(out.get(2), gateOutput(k))); // (B, T)
            branchOutputs.add(named(out.get(3), attentionOutput(k))); // (B, T, J)
            h =
                    config.injection() == InjectionConfig.Injection.PARALLEL
                            ? layers.get(k)
                                    .forward(ps, new NDList(h, mask), training)
                                    .head()
                                    .add(gx)
                            : layers.get(k)
                                    .forward(ps, new NDList(h.add(gx), mask), training)
                                    .head();
        }
        NDArray zl = bert.pooler().forward(ps, new NDList(h), training).head(); // (B, d)
        NDArray y = Dropout.dropout(zl, config.dropout(), training).head();
        y = head.forward(ps, new NDList(y), training).head(); // (B, 1) or (B, 2E)
        if (inputs.emotions() > 0) {
            y = y.reshape(y.getShape().get(0), inputs.emotions(), 2); // (B, E, 2)
        }
        NDList outputs = new NDList(named(y, "prediction"), named(zl, "z_l"));
        if (m != null) {
            outputs.addAll(m.z); // (B, d) each
            outputs.addAll(branchOutputs);
        }
        return outputs;
    }

    /**
     * The vectors z_m of the nonverbal streams read (z_a, then z_v, each named) and the keys the
     * branches attend over: a stream left out has neither.
     */
    private record Nonverbal(NDList z, NDArray keys, NDArray keyMask) {}

    private Nonverbal nonverbal(
            ParameterStore ps,
            NDArray audio,
            NDArray audioMask,
            NDArray vision,
            NDArray visionMask,
            boolean training) {
        NDList z = new NDList();
        NDList keys = new NDList();
        NDList keyMasks = new NDList();
        if (acousticEncoder != null) {
            Stream a = stream(ps, acousticEncoder, acousticProjection, audio, audioMask, training);
            z.add(named(a.z, "z_a"));
            keys.add(a.keys);
            keyMasks.add(a.keyMask);
        }
        if (visualEncoder != null) {
            Stream v = stream(ps, visualEncoder, visualProjection, vision, visionMask, training);
            z.add(named(v.z, "z_v"));
            keys.add(v.keys);
            keyMasks.add(v.keyMask);
        }
        return new Nonverbal(z, NDArrays.concat(keys, 1), NDArrays.concat(keyMasks, 1));
    }

    /** One stream's z_m (B, d), its keys (B, J_m, d) and their mask (B, J_m). */
    private record Stream(NDArray z, NDArray keys, NDArray keyMask) {}

    private Stream stream(
            ParameterStore ps,
            LstmEncoderBlock encoder,
            Linear projection,
            NDArray frames,
            NDArray frameMask,
            boolean training) {
        NDList encoded = encoder.forward(ps, new NDList(frames, frameMask), training);
        if (config.compress() == InjectionConfig.Compress.LAST) {
            NDArray z = projection.forward(ps, new NDList(encoded.get(0)), training).head();
            NDArray keyMask = frames.getManager().ones(new Shape(z.getShape().get(0), 1));
            return new Stream(z, z.expandDims(1), keyMask); // (B, d), (B, 1, d), (B, 1)
        }
        NDArray steps = projection.forward(ps, new NDList(encoded.get(1)), training).head();
        NDArray keyMask = frameMask.toType(DataType.FLOAT32, false); // (B, T_m)
        return new Stream(Masked.mean(steps, frameMask), steps, keyMask); // steps (B, T_m, d)
    }

    /**
     * Word-aligned frames cut or zero-padded to the batch's text length: a batch pads text and
     * frames each to its own longest valid length.
     */
    private static NDArray toLength(NDArray frames, long length) {
        Shape shape = frames.getShape(); // (B, T_m, d_m)
        if (shape.get(1) >= length) {
            return frames.get(":, :" + length + ", :");
        }
        Shape padding = new Shape(shape.get(0), length - shape.get(1), shape.get(2));
        return frames.concat(frames.getManager().zeros(padding, frames.getDataType()), 1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape text = shapes[1];
        long b = text.get(0);
        int d = bertConfig.hiddenSize();
        bert.initialize(manager, dataType, text, text, text);
        Shape hidden = text.add(d);
        if (wordProjection != null) {
            wordProjection.initialize(manager, dataType, text.add(inputs.wordVectorDim()));
        }
        if (mag != null) {
            mag.initialize(manager, dataType, hidden, shapes[5], shapes[3]);
        }
        Shape encoded = new Shape(b, config.nonverbalHidden());
        if (acousticEncoder != null) {
            acousticEncoder.initialize(manager, dataType, shapes[3], shapes[4]);
            acousticProjection.initialize(manager, dataType, encoded);
        }
        if (visualEncoder != null) {
            visualEncoder.initialize(manager, dataType, shapes[5], shapes[6]);
            visualProjection.initialize(manager, dataType, encoded);
        }
        long keys = config.modalities().nonverbalCount();
        for (InjectionBranchBlock branch : branches.values()) {
            branch.initialize(manager, dataType, hidden, new Shape(b, keys, d), new Shape(b, keys));
        }
        head.initialize(manager, dataType, new Shape(b, d));
    }

    @Override
    public InjectionModel initialize(
            NDManager manager, int textLength, int audioSteps, int visionSteps) {
        initialize(manager, DataType.FLOAT32, inputs.shapes(textLength, audioSteps, visionSteps));
        return this;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
        Shape text = shapes[1]; // (B, T)
        long b = text.get(0);
        List<Shape> out = new ArrayList<>();
        out.add(inputs.emotions() > 0 ? new Shape(b, inputs.emotions(), 2) : new Shape(b, 1));
        Shape z = new Shape(b, bertConfig.hiddenSize());
        out.add(z);
        if (!branches.isEmpty()) {
            for (int m = 0; m < config.modalities().nonverbalCount(); m++) {
                out.add(z);
            }
            long keys = config.attentionKeys(shapes[3].get(1), shapes[5].get(1));
            for (int k = 0; k < branches.size(); k++) {
                out.add(text);
                out.add(text.add(keys));
            }
        }
        return out.toArray(new Shape[0]);
    }
}
