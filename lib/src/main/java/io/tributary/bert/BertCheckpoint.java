package io.tributary.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.tributary.core.AtomicFiles;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.tensors.SafetensorsWriter;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Hugging Face BERT checkpoint folder ({@code config.json} + {@code model.safetensors}).
 *
 * <p>Each model parameter, named as {@link BlockParameters} names it, is looked up under its own
 * name and under {@code bert.}; a LayerNorm's {@code weight}/{@code bias} may also be stored under
 * the legacy {@code gamma}/{@code beta}. Every parameter must be found with its exact shape (a
 * missing key, a shape mismatch or a NaN or infinite value is an error naming the key); keys the
 * model does not use (such as the {@code cls.*} pre-training heads) are logged once. F16 and BF16
 * tensors are converted to F32 before DJL sees them.
 */
public final class BertCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(BertCheckpoint.class);

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";

    private BertCheckpoint() {}

    /**
     * A checkpoint of {@code config}'s shape with BERT's random initial weights drawn from {@code
     * seed}, written to {@code dir} with {@code vocab} (which sets {@code vocab_size}).
     */
    public static void writeRandom(BertConfig config, List<String> vocab, long seed, Path dir) {
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertModel model = new BertModel(config.withVocabSize(vocab.size()));
            model.initialize(manager, 8);
            save(model, vocab, dir);
        }
    }

    /** The config of the checkpoint in {@code dir}. */
    public static BertConfig config(Path dir) {
        requireFolder(dir);
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new InputException(dir + ": expected a BERT checkpoint folder with " + CONFIG);
        }
        return BertConfig.fromJson(config);
    }

    /** A {@link BertModel} with the weights of {@code dir}, its arrays on {@code manager}. */
    public static BertModel load(Path dir, NDManager manager) {
        BertModel model = new BertModel(config(dir));
        model.initialize(manager, 8);
        copyInto(model, dir, "");
        return model;
    }

    /**
     * Copies the BERT weights of {@code dir} into the parameters of {@code into} whose names start
     * with {@code prefix} (empty for a bare {@link BertModel}, {@code "bert."} for a model holding
     * one as its child named {@code bert}). Returns the checkpoint keys left unused, which are also
     * logged.
     */
    public static Set<String> copyInto(Block into, Path dir, String prefix) {
        SafetensorsFile file = SafetensorsFile.open(weightsFile(dir));
        Set<String> unused = new LinkedHashSet<>(file.keys());
        for (Map.Entry<String, Parameter> named : BlockParameters.named(into).entrySet()) {
            if (!named.getKey().startsWith(prefix)) {
                continue;
            }
            String name = named.getKey().substring(prefix.length());
            NDArray target = named.getValue().getArray();
            String key = find(file, name, target.getShape());
            unused.remove(key);
            target.set(FloatBuffer.wrap(file.finiteFloats(key)));
        }
        if (!unused.isEmpty()) {
            LOG.info(
                    "{}: {} key(s) not used by the model: {}",
                    file.file(),
                    unused.size(),
                    String.join(", ", unused));
        }
        return unused;
    }

    /**
     * Writes {@code model} as a checkpoint folder Hugging Face's {@code BertModel.from_pretrained}
     * reads: {@code config.json}, {@code model.safetensors} and {@code vocab.txt}. The folder
     * appears complete or not at all.
     */
    public static void save(BertModel model, List<String> vocab, Path dir) {
        if (vocab.size() != model.config().vocabSize()) {
            throw new IllegalArgumentException(
                    "vocabulary of "
                            + vocab.size()
                            + " tokens for vocab_size "
                            + model.config().vocabSize());
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        BlockParameters.named(model).forEach((name, p) -> tensors.put(name, p.getArray()));
        String config = Json.pretty().toJson(model.config().toJson());
        AtomicFiles.writeFolder(
                dir,
                folder -> {
                    Files.writeString(folder.resolve(CONFIG), config + "\n");
                    Files.write(folder.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
                    SafetensorsWriter.write(
                            folder.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
                });
    }

    private static String find(SafetensorsFile file, String name, Shape expected) {
        List<String> candidates = candidates(name);
        for (String key : candidates) {
            if (file.keys().contains(key)) {
                long[] shape = file.entry(key).shape();
                if (!Arrays.equals(shape, expected.getShape())) {
                    throw new InputException(
                            String.format(
                                    "%s: key '%s' has shape %s, the model expects %s (check"
                                            + " config.json)",
                                    file.file(),
                                    key,
                                    Arrays.toString(shape),
                                    Arrays.toString(expected.getShape())));
                }
                return key;
            }
        }
        throw new InputException(
                String.format(
                        "%s: missing parameter '%s' of shape %s (looked for %s)",
                        file.file(),
                        name,
                        Arrays.toString(expected.getShape()),
                        String.join(", ", candidates)));
    }

    private static List<String> candidates(String name) {
        List<String> names = new ArrayList<>();
        names.add(name);
        if (name.endsWith("LayerNorm.weight")) {
            names.add(name.replaceFirst("weight$", "gamma"));
        } else if (name.endsWith("LayerNorm.bias")) {
            names.add(name.replaceFirst("bias$", "beta"));
        }
        List<String> all = new ArrayList<>(names);
        names.forEach(n -> all.add("bert." + n));
        return all;
    }

    private static Path weightsFile(Path dir) {
        requireFolder(dir);
        Path weights = dir.resolve(WEIGHTS);
        if (Files.isRegularFile(weights)) {
            return weights;
        }
        if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
            throw new InputException(
                    dir
                            + ": holds pytorch_model.bin but no "
                            + WEIGHTS
                            + "; convert it once with Python: python -c \"from transformers import"
                            + " BertModel; m = BertModel.from_pretrained('"
                            + dir
                            + "'); m.save_pretrained('"
                            + dir
                            + "', safe_serialization=True)\"");
        }
        throw new InputException(dir + ": expected " + WEIGHTS + " in the checkpoint folder");
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": expected a checkpoint folder, found none");
        }
    }
}
