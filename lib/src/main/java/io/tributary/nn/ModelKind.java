package io.tributary.nn;

import com.google.gson.annotations.SerializedName;

/** The models {@code ./msa train --model} builds, by the names configs and records use. */
public enum ModelKind {
    /** The gated injection model. */
    @SerializedName("injection")
    INJECTION,
    /** BERT alone. */
    @SerializedName("text")
    TEXT,
    /** MAG-BERT. */
    @SerializedName("mag")
    MAG,
    /** MMMIE. */
    @SerializedName("mmmie")
    MMMIE
}
