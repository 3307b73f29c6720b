package io.tributary.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import io.tributary.TestResources;
import io.tributary.data.pickle.MmsaPickleReader;
import io.tributary.data.pickle.MultPickleReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultimodalDatasetTest {

    @Test
    void batchesPadToTheLongestValidLengthWithMasks() throws Exception {
        MultimodalSplit split =
                MmsaPickleReader.open(TestResources.path("fixtures/mmsa/unaligned_50.pkl"))
                        .read("train");
        MultimodalDataset dataset =
                MultimodalDataset.builder().setSplit(split).setSampling(4, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            int count = 0;
            for (Batch batch : dataset.getData(manager)) {
                if (count++ == 0) {
                    checkFirstBatch(split, batch);
                }
                batch.close();
            }
            assertEquals(2, count);
        }
    }

    private static void checkFirstBatch(MultimodalSplit split, Batch batch) {
        NDList data = batch.getData();
        assertEquals(
                List.of(
                        "input_ids",
                        "attention_mask",
                        "token_type_ids",
                        "audio",
                        "audio_mask",
                        "vision",
                        "vision_mask"),
                data.stream().map(NDArray::getName).toList());
        int[] textLengths = new int[4];
        for (int i = 0; i < 4; i++) {
            textLengths[i] = split.tokens().validLength(i);
        }
        int longestText = Arrays.stream(textLengths).max().getAsInt();
        assertEquals(new Shape(4, longestText), data.get(0).getShape());
        assertEquals(DataType.INT64, data.get(0).getDataType());
        assertArrayEquals(toLongs(textLengths), data.get(1).sum(new int[] {1}).toLongArray());
        // audio lengths 258, 307, 38, 169: padded to 307 frames of 5 features
        assertEquals(new Shape(4, 307, 5), data.get(3).getShape());
        assertArrayEquals(
                new long[] {258, 307, 38, 169}, data.get(4).sum(new int[] {1}).toLongArray());
        assertEquals(new Shape(4, 293, 20), data.get(5).getShape());
        float[] audio = data.get(3).get(2).toFloatArray();
        assertEquals(split.audio().values()[2][0], audio[0], 0f);
        assertEquals(0f, audio[38 * 5], 0f);
        NDArray labels = batch.getLabels().singletonOrThrow();
        assertEquals(new Shape(4), labels.getShape());
        assertEquals(split.labels()[3], labels.toFloatArray()[3], 0f);
    }

    @Test
    void embeddingsAndEmotionClassesTakeTheirPlaces() throws Exception {
        MultimodalSplit split =
                MultPickleReader.open(TestResources.path("pickle/corpora/mult_iemocap.pkl"))
                        .read("train");
        MultimodalDataset dataset =
                MultimodalDataset.builder().setSplit(split).setSampling(4, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = dataset.getData(manager).iterator().next();
            NDArray text = batch.getData().get(0);
            assertEquals("text_embeds", text.getName());
            int longest = Arrays.stream(split.textEmbeddings().lengths()).max().getAsInt();
            assertEquals(new Shape(4, longest, 300), text.getShape());
            assertEquals(DataType.FLOAT32, text.getDataType());
            NDArray labels = batch.getLabels().singletonOrThrow();
            assertEquals(new Shape(4, 4), labels.getShape());
            assertEquals(DataType.INT64, labels.getDataType());
            assertEquals((long) split.labels()[5], labels.toLongArray()[5]);
            batch.close();
        }
    }

    @Test
    void subsetsAreSeededAndLimitsTakeTheFirst() {
        MultimodalSplit split =
                MmsaPickleReader.open(TestResources.path("fixtures/mmsa/aligned_50.pkl"))
                        .read("train");
        MultimodalDataset drawn =
                MultimodalDataset.builder()
                        .setSplit(split)
                        .setSampling(2, true)
                        .optRandomSubset(3, 1111)
                        .build();
        MultimodalDataset again =
                MultimodalDataset.builder()
                        .setSplit(split)
                        .setSampling(2, true)
                        .optRandomSubset(3, 1111)
                        .build();
        assertEquals(3, drawn.size());
        assertArrayEquals(drawn.split().ids(), again.split().ids());
        assertEquals(3, split.randomSubset(3, 1112).size());
        assertEquals(
                5,
                MultimodalDataset.builder()
                        .setSplit(split)
                        .setSampling(2, false)
                        .optLimit(5)
                        .build()
                        .size());
        assertArrayEquals(Arrays.copyOf(split.ids(), 2), split.head(2).ids());
        assertEquals(split.audio().values()[4], split.select(new int[] {4}).audio().values()[0]);
    }

    private static long[] toLongs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }
}
