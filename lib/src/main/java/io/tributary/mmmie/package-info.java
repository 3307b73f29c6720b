/**
 * MMMIE (DESIGN.md section 3): multimodal features learned with mutual information maximisation
 * between modality pairs, mutual information minimisation between each modality's input and its
 * feature, and an identity embedding that tells the fusion encoder which modality each token came
 * from.
 *
 * <p>{@link io.tributary.mmmie.MmmieModel} holds the encoders (BERT for text, BiLSTMs over the
 * valid frames for audio and vision), the heads to u_m ({@link io.tributary.mmmie.VibBlock}), the
 * {@link io.tributary.mmmie.IdentityEmbeddingBlock}, the {@link
 * io.tributary.mmmie.FusionEncoderBlock} and the critics ({@link io.tributary.mmmie.MiCriticBlock})
 * whose score matrices feed InfoNCE. {@link io.tributary.mmmie.MmmieLoss} turns its outputs into L
 * and each of its terms; {@link io.tributary.mmmie.ClubEstimator} is the CLUB alternative to the
 * VIB, with its own optimiser (its contract with the trainer is stated there and in MmmieLoss).
 * Every reconstructed choice is a field of {@link io.tributary.mmmie.MmmieConfig}.
 */
package io.tributary.mmmie;
