package io.tributary.mmmie;

import static io.tributary.nn.MultimodalModel.named;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.bert.BertConfig;
import io.tributary.bert.BertModel;
import io.tributary.nn.LstmEncoderBlock;
import io.tributary.nn.Masked;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMMIE (DESIGN.md section 3): modality features u_m, bounded from above by an information
 * bottleneck and tied pairwise by InfoNCE, fused by a small Transformer that knows which modality
 * each token came from.
 *
 * <pre>
 *   r_t = BERT(ids)[pooled];   r_m = BiLSTM_m(X_m)[forward at last valid; backward at first]  m in {a, v}
 *   u_m = VIB_m(r_m)                     mu_m + sigma_m ⊙ eps in training (VIB), mu_m otherwise
 *   Z   = [u_t + e_t; u_a + e_a; u_v + e_v]
 *   y   = W_o Dropout(mean_k FusionEncoder(Z)_k)
 *   S_mn = critic_mn(u_m, u_n)           (B, B) scores, for (m, n) in (t, a), (t, v), (a, v)
 * </pre>
 *
 * With {@code tokens = sequence} each modality contributes one token per valid step (BERT's last
 * hidden states, the BiLSTMs' outputs, each through the same heads), the identity embedding is e_m
 * + p_m,k, the encoder masks padding, the pooled output is the mean over valid tokens, and u_m for
 * the critics and L_min is the mean of u_m,k over valid k. Without the identity embedding the
 * tokens enter the encoder as they are.
 *
 * <p>{@code modalities} leaves a stream out: its encoder, projection, token, identity embedding,
 * critics, CLUB estimator and outputs ({@code u_m}, {@code kl_m}, {@code x_m}, the scores of its
 * pairs) are absent, so the model does not read that stream at all.
 *
 * <p>Inputs: the seven arrays of {@link io.tributary.data.MultimodalDataset}, {@code [input_ids or
 * text_embeds, attention_mask, token_type_ids, audio, audio_mask, vision, vision_mask]}; float word
 * vectors (B, T, d_w) go through a Linear to BERT's width in place of its word embeddings.
 *
 * <p>Outputs, each array also named as given here: {@code [prediction, u_t, u_a, u_v]} with the
 * prediction (B, 1) for regression or (B, E, 2) logits for E emotions and u_m (B, d'), in the
 * positions {@link io.tributary.loss.LossInputs} reads; then what {@link MmmieLoss} needs:
 *
 * <ul>
 *   <li>with MI maximisation: {@code scores_ta}, {@code scores_tv}, {@code scores_av} (B, B);
 *   <li>with VIB: {@code kl_t}, {@code kl_a}, {@code kl_v} (), each modality's KL term;
 *   <li>with CLUB: {@code x_t} = sg(r_t) (B, d), {@code x_a} (B, d_a), {@code x_v} (B, d_v), the
 *       means of the valid input frames.
 * </ul>
 *
 * Children: {@code bert}, {@code word_projection} (word vectors only), {@code acoustic_encoder},
 * {@code visual_encoder}, {@code projection_t|a|v} ({@link VibBlock}), {@code identity_embedding},
 * {@code fusion}, {@code head}, {@code critic_ta|tv|av}, and with CLUB {@code club.t|a|v} ({@link
 * ClubEstimator}): every parameter of q is named {@code club.*}, to be left out of the model's
 * optimizer.
 */
public final class MmmieModel extends AbstractBlock implements MultimodalModel {

    /** The modalities, in the order of the outputs. */
    public static final List<String> MODALITIES = List.of("t", "a", "v");

    /** The modality pairs whose mutual information is maximised, when all three are read. */
    public static final List<String> PAIRS = List.of("ta", "tv", "av");

    /** The positions of the masks of t, a, v among the inputs. */
    private static final List<Integer> MASK_INPUTS = List.of(1, 4, 6);

    private final MmmieConfig config;
    private final BertConfig bertConfig;
    private final ModelInputs inputs;
    private final BertModel bert;
    private final Linear wordProjection;
    private final LstmEncoderBlock acousticEncoder;
    private final LstmEncoderBlock visualEncoder;
    private final Map<String, VibBlock> projections = new LinkedHashMap<>();
    private final IdentityEmbeddingBlock identityEmbedding;
    private final FusionEncoderBlock fusion;
    private final Linear head;
    private final Map<String, MiCriticBlock> critics = new LinkedHashMap<>();
    private final Map<String, ClubEstimator> club = new LinkedHashMap<>();

    public MmmieModel(MmmieConfig config, BertConfig bertConfig, ModelInputs inputs) {
        this.config = config;
        this.bertConfig = bertConfig;
        this.inputs = inputs;
        int d = config.featureDim();
        bert = addChildBlock("bert", new BertModel(bertConfig));
        wordProjection =
                inputs.wordVectorDim() > 0
                        ? addChildBlock("word_projection", linear(bertConfig.hiddenSize()))
                        : null;
        Modalities read = config.modalities();
        acousticEncoder = read.acoustic() ? addChildBlock("acoustic_encoder", bilstm()) : null;
        visualEncoder = read.visual() ? addChildBlock("visual_encoder", bilstm()) : null;
        boolean vib = config.minimizer() == MmmieConfig.Minimizer.VIB;
        for (String m : read.letters()) {
            VibBlock projection = VibBlock.builder().setUnits(d).optVariational(vib).build();
            projections.put(m, addChildBlock("projection_" + m, projection));
        }
        identityEmbedding =
                config.identityEmbedding()
                        ? addChildBlock(
                                "identity_embedding",
                                IdentityEmbeddingBlock.builder()
                                        .setUnits(d)
                                        .optPositions(config.sequenceTokens())
                                        .optModalities(read.letters())
                                        .build())
                        : null;
        fusion =
                addChildBlock(
                        "fusion",
                        FusionEncoderBlock.builder()
                                .setUnits(d)
                                .optLayers(config.fusionLayers())
                                .optHeads(config.fusionHeads())
                                .optDropout(config.dropout())
                                .build());
        head = addChildBlock("head", linear(inputs.headSize()));
        if (config.miMaximization()) {
            for (String pair : config.pairs()) {
                critics.put(pair, addChildBlock("critic_" + pair, critic(d)));
            }
        }
        if (config.minimizer() == MmmieConfig.Minimizer.CLUB) {
            for (String m : read.letters()) {
                club.put(m, addChildBlock("club." + m, new ClubEstimator(d)));
            }
        }
    }

    private LstmEncoderBlock bilstm() {
        return LstmEncoderBlock.builder()
                .setHidden(config.lstmHidden())
                .optBidirectional(true)
                .build();
    }

    private MiCriticBlock critic(int d) {
        return MiCriticBlock.builder()
                .setUnits(d)
                .optKind(config.critic())
                .optTemperature(config.temperature())
                .build();
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    public MmmieConfig config() {
        return config;
    }

    @Override
    public ModelInputs inputs() {
        return inputs;
    }

    public BertModel bert() {
        return bert;
    }

    /** The CLUB estimators by modality ({@code t, a, v}); empty unless the minimiser is CLUB. */
    public Map<String, ClubEstimator> club() {
        return Collections.unmodifiableMap(club);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray ids = in.get(0); // (B, T) or (B, T, d_w)
        NDArray textMask = Masked.asFloat(in.get(1)); // (B, T)
        NDArray audio = in.get(3); // (B, T_a, d_a)
        NDArray audioMask = Masked.asFloat(in.get(4)); // (B, T_a)
        NDArray vision = in.get(5); // (B, T_v, d_v)
        NDArray visionMask = Masked.asFloat(in.get(6)); // (B, T_v)
        if (wordProjection != null) {
            ids = wordProjection.forward(ps, new NDList(ids), training).head(); // (B, T, d)
        }
        NDList text = bert.forward(ps, new NDList(ids, in.get(1), in.get(2)), training);
        NDArray rt = text.get(1); // (B, d)
        boolean steps = config.sequenceTokens();
        List<Feature> features = new ArrayList<>();
        features.add(feature(ps, "t", steps ? text.get(0) : rt, textMask, training));
        if (acousticEncoder != null) {
            NDList a = acousticEncoder.forward(ps, new NDList(audio, audioMask), training);
            features.add(feature(ps, "a", a.get(steps ? 1 : 0), audioMask, training));
        }
        if (visualEncoder != null) {
            NDList v = visualEncoder.forward(ps, new NDList(vision, visionMask), training);
            features.add(feature(ps, "v", v.get(steps ? 1 : 0), visionMask, training));
        }
        NDList tokens = new NDList();
        NDList masks = new NDList();
        for (Feature f : features) {
            tokens.add(f.tokens); // (B, T_m, d')
            masks.add(f.mask); // (B, T_m)
        }
        NDArray z =
                identityEmbedding != null
                        ? identityEmbedding.forward(ps, tokens, training).head()
                        : NDArrays.concat(tokens, 1); // (B, N, d')
        NDArray mask = NDArrays.concat(masks, 1); // (B, N)
        NDArray o = fusion.forward(ps, new NDList(z, mask), training).head(); // (B, N, d')
        NDArray pooled = Masked.mean(o, mask); // (B, d')
        NDArray y = Dropout.dropout(pooled, config.dropout(), training).head();
        y = head.forward(ps, new NDList(y), training).head(); // (B, 1) or (B, 2E)
        if (inputs.emotions() > 0) {
            y = y.reshape(y.getShape().get(0), inputs.emotions(), 2); // (B, E, 2)
        }
        NDList out = new NDList(named(y, "prediction"));
        for (Feature f : features) {
            out.add(named(f.u, "u_" + f.m)); // (B, d')
        }
        for (Map.Entry<String, MiCriticBlock> critic : critics.entrySet()) {
            String pair = critic.getKey();
            NDArray um = out.get("u_" + pair.charAt(0));
            NDArray un = out.get("u_" + pair.charAt(1));
            NDArray s = critic.getValue().forward(ps, new NDList(um, un), training).head();
            out.add(named(s, "scores_" + pair)); // (B, B)
        }
        for (Feature f : features) {
            if (f.kl != null) {
                out.add(named(f.kl, "kl_" + f.m)); // ()
            }
        }
        if (!club.isEmpty()) {
            out.add(named(rt.stopGradient(), "x_t")); // (B, d)
            if (acousticEncoder != null) {
                out.add(named(Masked.mean(audio, audioMask), "x_a")); // (B, d_a)
            }
            if (visualEncoder != null) {
                out.add(named(Masked.mean(vision, visionMask), "x_v")); // (B, d_v)
            }
        }
        return out;
    }

    /**
     * A modality's tokens for the fusion encoder, (B, T_m, d') with their (B, T_m) mask (T_m = 1 in
     * vector mode), its feature u_m (B, d') and, with VIB, its KL term; m is its letter.
     */
    private record Feature(String m, NDArray tokens, NDArray mask, NDArray u, NDArray kl) {}

    /** u_m from r_m (B, n) in vector mode, from the steps (B, T_m, n) in sequence mode. */
    private Feature feature(
            ParameterStore ps, String m, NDArray r, NDArray mask, boolean training) {
        VibBlock projection = projections.get(m);
        if (!config.sequenceTokens()) {
            NDList out = projection.forward(ps, new NDList(r), training);
            NDArray u = out.get(0); // (B, d')
            Shape single = new Shape(u.getShape().get(0), 1);
            NDArray one = u.getManager().ones(single, u.getDataType(), u.getDevice()); // (B, 1)
            return new Feature(m, u.expandDims(1), one, u, out.size() > 1 ? out.get(1) : null);
        }
        NDList out = projection.forward(ps, new NDList(r, mask), training);
        NDArray steps = out.get(0); // (B, T_m, d')
        NDArray u = Masked.mean(steps, mask); // (B, d')
        return new Feature(m, steps, mask, u, out.size() > 1 ? out.get(1) : null);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        Shape text = shapes[1];
        long b = text.get(0);
        int d = config.featureDim();
        bert.initialize(manager, dataType, text, text, text);
        if (wordProjection != null) {
            wordProjection.initialize(manager, dataType, text.add(inputs.wordVectorDim()));
        }
        projections.get("t").initialize(manager, dataType, new Shape(b, bertConfig.hiddenSize()));
        if (acousticEncoder != null) {
            acousticEncoder.initialize(manager, dataType, shapes[3], shapes[4]);
            Shape encoded = new Shape(b, acousticEncoder.outputSize());
            projections.get("a").initialize(manager, dataType, encoded);
        }
        if (visualEncoder != null) {
            visualEncoder.initialize(manager, dataType, shapes[5], shapes[6]);
            Shape encoded = new Shape(b, visualEncoder.outputSize());
            projections.get("v").initialize(manager, dataType, encoded);
        }
        Shape[] tokens = tokenShapes(shapes);
        if (identityEmbedding != null) {
            identityEmbedding.initialize(manager, dataType, tokens);
        }
        long n = 0;
        for (Shape token : tokens) {
            n += token.get(1);
        }
        fusion.initialize(manager, dataType, new Shape(b, n, d), new Shape(b, n));
        head.initialize(manager, dataType, new Shape(b, d));
        for (MiCriticBlock critic : critics.values()) {
            critic.initialize(manager, dataType, new Shape(b, d), new Shape(b, d));
        }
        for (Map.Entry<String, ClubEstimator> q : club.entrySet()) {
            q.getValue().initialize(manager, dataType, new Shape(b, inputWidth(q.getKey())));
        }
    }

    /** The width of modality m's CLUB input x_m: d for text, d_a, d_v. */
    private long inputWidth(String m) {
        return switch (m) {
            case "t" -> bertConfig.hiddenSize();
            case "a" -> inputs.audioDim();
            default -> inputs.visionDim();
        };
    }

    /** The fusion encoder's token shapes per modality read: T_m = 1 in vector mode. */
    private Shape[] tokenShapes(Shape[] shapes) {
        long b = shapes[1].get(0);
        int d = config.featureDim();
        List<Shape> tokens = new ArrayList<>();
        for (String m : config.modalities().letters()) {
            int mask = MASK_INPUTS.get(MODALITIES.indexOf(m));
            long length = config.sequenceTokens() ? shapes[mask].get(1) : 1;
            tokens.add(new Shape(b, length, d));
        }
        return tokens.toArray(new Shape[0]);
    }

    /**
     * Initialises the parameters for inputs of these shapes (any batch size); in sequence mode the
     * lengths are the position embeddings' lengths, the longest a batch may be.
     */
    @Override
    public MmmieModel initialize(
            NDManager manager, int textLength, int audioSteps, int visionSteps) {
        initialize(manager, DataType.FLOAT32, inputs.shapes(textLength, audioSteps, visionSteps));
        return this;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
        long b = shapes[1].get(0);
        List<Shape> out = new ArrayList<>();
        out.add(inputs.emotions() > 0 ? new Shape(b, inputs.emotions(), 2) : new Shape(b, 1));
        List<String> read = config.modalities().letters();
        for (int m = 0; m < read.size(); m++) {
            out.add(new Shape(b, config.featureDim()));
        }
        for (int k = 0; k < critics.size(); k++) {
            out.add(new Shape(b, b));
        }
        if (config.minimizer() == MmmieConfig.Minimizer.VIB) {
            for (int m = 0; m < read.size(); m++) {
                out.add(new Shape());
            }
        }
        for (String m : club.keySet()) {
            out.add(new Shape(b, inputWidth(m)));
        }
        return out.toArray(new Shape[0]);
    }
}
