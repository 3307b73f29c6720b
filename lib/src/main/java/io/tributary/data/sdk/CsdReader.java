package io.tributary.data.sdk;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.tributary.core.InputException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads one CMU-MultimodalSDK computational sequence ({@code .csd}, HDF5) with jHDF, a pure-Java
 * HDF5 library.
 *
 * <p>Opening checks the layout from the HDF5 headers alone, before any data is read: the file is as
 * long as its superblock says; it holds one root group with a {@code data} group; every {@code
 * data/<video>} group holds {@code intervals} (n, 2) and {@code features} (n, d) with the same n;
 * and no dataset claims more bytes than the file holds (or, compressed, more elements than one Java
 * array), so a corrupt header never makes the reader allocate what it claims. {@code metadata} is
 * optional; when present each key is a length-1 string dataset. Reading a video then checks that
 * its intervals are finite with start &lt;= end. Every violation is an {@link InputException}
 * naming the file, the HDF5 path, what was expected and what was found.
 *
 * <p>Data is read one video at a time ({@link #features}, {@link #words}), so memory holds one
 * video, not the file.
 */
public final class CsdReader implements AutoCloseable {

    /** The most elements one Java array can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Path file;
    private final HdfFile hdf;
    private final String rootName;
    private final Map<String, String> metadata;
    private final SortedMap<String, Group> videos = new TreeMap<>();

    private CsdReader(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
        checkLength();
        Group root = rootGroup();
        this.rootName = root.getName();
        this.metadata = readMetadata(root);
        Group data = group(root, "data");
        for (Node node : guarded(pathOf(data), data::getChildren).values()) {
            if (!(node instanceof Group video)) {
                throw error(pathOf(node), "a video group", "a dataset");
            }
            checkHeaders(video);
            videos.put(video.getName(), video);
        }
    }

    /**
     * Opens a computational sequence and checks its layout (see the class comment).
     *
     * @throws InputException if the file is missing, is not HDF5, or breaks the layout
     */
    public static CsdReader open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(
                    file
                            + ": expected a .csd (HDF5) file, found "
                            + (Files.isDirectory(file) ? "a directory" : "no such file"));
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new InputException(
                    file + ": expected an HDF5 file, found one jHDF cannot open: " + reason(e), e);
        }
        try {
            return new CsdReader(file, hdf);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The root group's name, e.g. {@code COVAREP} or {@code Opinion Segment Labels}. */
    public String rootName() {
        return rootName;
    }

    /** The metadata strings by key, in the file's order; empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The video ids, in name order. */
    public List<String> videoIds() {
        return List.copyOf(videos.keySet());
    }

    public boolean hasVideo(String video) {
        return videos.containsKey(video);
    }

    /**
     * One video's numeric sequence (acoustic or visual frames, labels), as float.
     *
     * @throws InputException if the video is absent or its data is not numeric
     */
    public FeatureSequence features(String video) {
        Group group = video(video);
        Intervals intervals = readIntervals(group);
        Dataset features = dataset(group, "features");
        if (!isNumeric(features)) {
            throw error(pathOf(features), "numeric features", dtype(features));
        }
        int dim = (int) features.getDimensionsAsLong()[1];
        float[] flat = toFloats(features, read(features));
        float[][] frames = new float[intervals.size()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
        }
        return new FeatureSequence(video, intervals, frames, dim);
    }

    /**
     * One video's words: features of shape (n, 1) holding strings (fixed-length bytes or
     * variable-length strings).
     *
     * @throws InputException if the video is absent or its features are not one string per row
     */
    public WordSequence words(String video) {
        Group group = video(video);
        Intervals intervals = readIntervals(group);
        Dataset features = dataset(group, "features");
        long[] shape = features.getDimensionsAsLong();
        if (features.getJavaType() != String.class || shape[1] != 1) {
            throw error(
                    pathOf(features),
                    "one word string per interval, shape (n, 1)",
                    dtype(features) + " of shape " + shapeText(shape));
        }
        Object flat = read(features);
        return new WordSequence(video, intervals, Arrays.asList((String[]) flat));
    }

    @Override
    public void close() {
        hdf.close();
    }

    private void checkLength() {
        Superblock superblock = guarded("/", () -> hdf.getHdfBackingStorage().getSuperblock());
        long expected = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        long found = hdf.size();
        if (found < expected) {
            throw error(
                    "/",
                    expected + " bytes (the superblock's end of file)",
                    found + " bytes: the file is truncated");
        }
    }

    private Group rootGroup() {
        Map<String, Node> top = guarded("/", hdf::getChildren);
        if (top.size() != 1 || !(top.values().iterator().next() instanceof Group root)) {
            throw error(
                    "/", "one root group (the computational sequence)", "entries " + top.keySet());
        }
        return root;
    }

    private Map<String, String> readMetadata(Group root) {
        Node node = guarded(pathOf(root), () -> root.getChild("metadata"));
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Group group)) {
            throw error(pathOf(node), "a metadata group", "a dataset");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Node entry : guarded(pathOf(group), group::getChildren).values()) {
            if (!(entry instanceof Dataset dataset)
                    || dataset.getJavaType() != String.class
                    || dataset.getSize() != 1) {
                throw error(pathOf(entry), "a length-1 string dataset", describe(entry));
            }
            Object flat = read(dataset);
            values.put(entry.getName(), flat instanceof String[] s ? s[0] : String.valueOf(flat));
        }
        return Collections.unmodifiableMap(values);
    }

    private void checkHeaders(Group video) {
        Dataset intervals = dataset(video, "intervals");
        Dataset features = dataset(video, "features");
        long[] intervalShape = intervals.getDimensionsAsLong();
        long[] featureShape = features.getDimensionsAsLong();
        if (intervalShape.length != 2 || intervalShape[1] != 2) {
            throw error(
                    pathOf(intervals),
                    "intervals of shape (n, 2)",
                    "shape " + shapeText(intervalShape));
        }
        if (!isNumeric(intervals)) {
            throw error(pathOf(intervals), "numeric intervals", dtype(intervals));
        }
        if (featureShape.length != 2) {
            throw error(
                    pathOf(features),
                    "features of shape (n, d)",
                    "shape " + shapeText(featureShape));
        }
        if (intervalShape[0] != featureShape[0]) {
            throw error(
                    pathOf(video),
                    "as many feature rows as intervals",
                    intervalShape[0] + " intervals and " + featureShape[0] + " feature rows");
        }
        checkClaim(intervals, intervalShape);
        checkClaim(features, featureShape);
    }

    /** Refuses a header that claims more than the file (or, compressed, a Java array) holds. */
    private void checkClaim(Dataset dataset, long[] shape) {
        long elements = 1;
        for (long dim : shape) {
            elements = saturatedProduct(elements, dim);
        }
        long width = guarded(pathOf(dataset), () -> dataset.getDataType().getSize());
        boolean compressed = !guarded(pathOf(dataset), dataset::getFilters).isEmpty();
        if (!compressed && saturatedProduct(elements, width) > hdf.size()) {
            throw error(
                    pathOf(dataset),
                    "data that fits in the file's " + hdf.size() + " bytes",
                    "a header claiming shape " + shapeText(shape) + " of " + dtype(dataset));
        }
        if (elements > MAX_ELEMENTS) {
            throw error(
                    pathOf(dataset),
                    "at most " + MAX_ELEMENTS + " elements",
                    "a header claiming shape " + shapeText(shape));
        }
    }

    /** a * b for counts, Long.MAX_VALUE when it overflows or a count is negative (unsigned). */
    private static long saturatedProduct(long a, long b) {
        if (a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private Intervals readIntervals(Group video) {
        Dataset dataset = dataset(video, "intervals");
        double[] flat = toDoubles(dataset, read(dataset));
        int n = flat.length / 2;
        double[] starts = new double[n];
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = flat[2 * i];
            ends[i] = flat[2 * i + 1];
            if (!Double.isFinite(starts[i]) || !Double.isFinite(ends[i]) || starts[i] > ends[i]) {
                throw error(
                        pathOf(dataset),
                        "finite intervals with start <= end",
                        "row " + i + " = [" + starts[i] + ", " + ends[i] + "]");
            }
        }
        return new Intervals(starts, ends);
    }

    private Group video(String video) {
        Group group = videos.get(video);
        if (group == null) {
            List<String> some =
                    new ArrayList<>(videos.keySet()).subList(0, Math.min(5, videos.size()));
            throw error(
                    "/" + rootName + "/data",
                    "video '" + video + "'",
                    "none (" + videos.size() + " videos, e.g. " + some + ")");
        }
        return group;
    }

    private Group group(Group parent, String name) {
        Node node = guarded(pathOf(parent), () -> parent.getChild(name));
        if (!(node instanceof Group group)) {
            throw error(
                    pathOf(parent) + "/" + name, "a group", node == null ? "nothing" : "a dataset");
        }
        return group;
    }

    private Dataset dataset(Group parent, String name) {
        Node node = guarded(pathOf(parent), () -> parent.getChild(name));
        if (!(node instanceof Dataset dataset)) {
            throw error(
                    pathOf(parent) + "/" + name, "a dataset", node == null ? "nothing" : "a group");
        }
        return dataset;
    }

    /** The flat data; an empty array of the dataset's Java type when it has no rows. */
    private Object read(Dataset dataset) {
        if (dataset.getSize() == 0) {
            return Array.newInstance(dataset.getJavaType(), 0);
        }
        return guarded(pathOf(dataset), dataset::getDataFlat);
    }

    /** Runs a jHDF call, turning its failures on a corrupt file into one-line input errors. */
    private <T> T guarded(String path, Supplier<T> call) {
        try {
            return call.get();
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(
                    file + ": " + path + ": expected readable HDF5 objects, found " + reason(e), e);
        }
    }

    private InputException error(String path, String expected, String found) {
        return new InputException(
                file + ": " + path + ": expected " + expected + ", found " + found);
    }

    private float[] toFloats(Dataset dataset, Object flat) {
        if (flat instanceof float[] values) {
            return values;
        }
        double[] values = toDoubles(dataset, flat);
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private double[] toDoubles(Dataset dataset, Object flat) {
        if (flat instanceof double[] values) {
            return values;
        } else if (flat instanceof float[] values) {
            return copy(values.length, i -> values[i]);
        } else if (flat instanceof long[] values) {
            return copy(values.length, i -> values[i]);
        } else if (flat instanceof int[] values) {
            return copy(values.length, i -> values[i]);
        } else if (flat instanceof short[] values) {
            return copy(values.length, i -> values[i]);
        } else if (flat instanceof byte[] values) {
            return copy(values.length, i -> values[i]);
        }
        throw error(pathOf(dataset), "numbers", dtype(dataset));
    }

    private static double[] copy(int length, IntToDoubleFunction value) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = value.applyAsDouble(i);
        }
        return values;
    }

    private static boolean isNumeric(Dataset dataset) {
        return dataset.getDataType() instanceof FloatingPoint
                || dataset.getDataType() instanceof FixedPoint;
    }

    private static String dtype(Dataset dataset) {
        if (dataset.getDataType() instanceof FloatingPoint floating) {
            return "float" + 8 * floating.getSize();
        } else if (dataset.getDataType() instanceof FixedPoint fixed) {
            return (fixed.isSigned() ? "int" : "uint") + 8 * fixed.getSize();
        } else if (dataset.getJavaType() == String.class) {
            return "strings";
        }
        return dataset.getDataType().getClass().getSimpleName();
    }

    private static String describe(Node node) {
        if (node instanceof Dataset dataset) {
            return dtype(dataset) + " of shape " + shapeText(dataset.getDimensionsAsLong());
        }
        return "a group";
    }

    private static String shapeText(long[] shape) {
        return Arrays.stream(shape)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", shape.length == 1 ? ",)" : ")"));
    }

    /** A node's HDF5 path without jHDF's trailing slash on groups. */
    private static String pathOf(Node node) {
        String path = node.getPath();
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1)
                : path;
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
