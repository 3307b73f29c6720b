package io.tributary.nn;

/**
 * What a corpus gives a model: the width of its word vectors (0 when the text is BERT token ids),
 * the acoustic and visual feature sizes, and the task (0 emotions for regression, else E emotions
 * with two classes each).
 */
public record ModelInputs(int wordVectorDim, int audioDim, int visionDim, int emotions) {

    /** Outputs of a model's head: 1 for regression, 2 per emotion for classification. */
    public int headSize() {
        return emotions == 0 ? 1 : 2 * emotions;
    }
}
