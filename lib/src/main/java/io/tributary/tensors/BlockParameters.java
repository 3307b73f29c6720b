package io.tributary.tensors;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import io.tributary.core.InputException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Names every parameter of a block tree the way PyTorch's {@code state_dict} would: child names
 * joined by dots, without DJL's {@code 01}, {@code 02} ordering prefixes, and a LayerNorm's {@code
 * gamma}/{@code beta} called {@code weight}/{@code bias}. Saving, loading and checkpoint mapping
 * all go through this one map.
 */
public final class BlockParameters {

    private BlockParameters() {}

    /** Parameter name to parameter, in the order DJL visits them. */
    public static Map<String, Parameter> named(Block root) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        collect(root, "", named);
        return named;
    }

    /**
     * Copies into every parameter of the (initialised) {@code root} the tensor {@code key.apply(its
     * name)} of {@code file}; a missing tensor, a shape other than the parameter's, or a NaN or
     * infinite value is an {@link InputException} naming the file and the tensor. Tensors of the
     * file that no parameter reads are left alone.
     */
    public static void load(Block root, SafetensorsFile file, UnaryOperator<String> key) {
        for (Map.Entry<String, Parameter> named : named(root).entrySet()) {
            String tensor = key.apply(named.getKey());
            NDArray target = named.getValue().getArray();
            long[] found = file.entry(tensor).shape();
            long[] expected = target.getShape().getShape();
            if (!Arrays.equals(found, expected)) {
                throw new InputException(
                        String.format(
                                "%s: tensor '%s' has shape %s, expected %s",
                                file.file(),
                                tensor,
                                SafetensorsFile.shapeText(found),
                                SafetensorsFile.shapeText(expected)));
            }
            target.set(FloatBuffer.wrap(file.finiteFloats(tensor)));
        }
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> named) {
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            named.put(prefix + leafName(block, parameter.getKey()), parameter.getValue());
        }
        int index = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            index++;
            String name = stripOrdinal(child.getKey(), index);
            collect(child.getValue(), prefix + name + ".", named);
        }
    }

    private static String leafName(Block block, String name) {
        if (block instanceof LayerNorm) {
            return switch (name) {
                case "gamma" -> "weight";
                case "beta" -> "bias";
                default -> name;
            };
        }
        return name;
    }

    /** DJL stores child {@code n} (1-based) as {@code String.format("%02d%s", n, name)}. */
    private static String stripOrdinal(String stored, int index) {
        String ordinal = String.format(Locale.ROOT, "%02d", index);
        return stored.startsWith(ordinal) ? stored.substring(ordinal.length()) : stored;
    }
}
