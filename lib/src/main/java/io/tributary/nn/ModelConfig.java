package io.tributary.nn;

/** A model family's config record: it names the family that built it and the model within it. */
public interface ModelConfig {

    /** {@code injection} (the injection model and its baselines) or {@code mmmie}. */
    String family();

    /**
     * The model within the family ({@code injection}, {@code text}, {@code mag}, {@code mmmie}).
     */
    String model();
}
