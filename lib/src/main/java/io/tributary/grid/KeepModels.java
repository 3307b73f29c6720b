package io.tributary.grid;

import com.google.gson.annotations.SerializedName;

/** What a grid keeps of a finished cell's run folder ({@code --keep-models}). */
public enum KeepModels {
    /** The best validation checkpoint, {@code model/}. */
    @SerializedName("best")
    BEST,
    /** No model: records only. */
    @SerializedName("none")
    NONE
}
