package io.tributary.nn;

/**
 * A model family's config record: it names the family that built it and the model within it. Its
 * components marked {@link Setting} are the settings {@code --set} changes.
 */
public interface ModelConfig {

    /** {@code injection} (the injection model and its baselines) or {@code mmmie}. */
    String family();

    /** The model within the family. */
    ModelKind model();
}
