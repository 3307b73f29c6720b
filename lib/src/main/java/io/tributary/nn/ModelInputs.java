package io.tributary.nn;

import ai.djl.ndarray.types.Shape;

/**
 * What a corpus gives a model: the width of its word vectors (0 when the text is BERT token ids),
 * the acoustic and visual feature sizes, and the task (0 emotions for regression, else E emotions
 * with two classes each).
 */
public record ModelInputs(int wordVectorDim, int audioDim, int visionDim, int emotions) {

    /**
     * The shapes of the seven input arrays of one sample (batch 1) at these lengths, in {@link
     * io.tributary.data.MultimodalDataset}'s order: what a model initialises its parameters for.
     */
    public Shape[] shapes(int textLength, int audioSteps, int visionSteps) {
        Shape text = new Shape(1, textLength);
        return new Shape[] {
            wordVectorDim > 0 ? text.add(wordVectorDim) : text,
            text,
            text,
            new Shape(1, audioSteps, audioDim),
            new Shape(1, audioSteps),
            new Shape(1, visionSteps, visionDim),
            new Shape(1, visionSteps)
        };
    }

    /** Outputs of a model's head: 1 for regression, 2 per emotion for classification. */
    public int headSize() {
        return emotions == 0 ? 1 : 2 * emotions;
    }
}
