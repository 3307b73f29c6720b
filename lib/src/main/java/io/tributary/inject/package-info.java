/**
 * Injecting nonverbal information into a pre-trained language model (DESIGN.md sections 1 and 2):
 * the blocks that run beside (or before) the PLM's layers.
 *
 * <p>{@link io.tributary.inject.InjectionBranchBlock} is the gated branch beside one layer: {@link
 * io.tributary.inject.CrossModalAttentionBlock} (token states attend over the nonverbal vectors),
 * {@link io.tributary.inject.BranchFeedForwardBlock} and {@link io.tributary.inject.GateBlock},
 * returning g ⊙ X for the model to add, with the gate values and attention weights for analysis.
 * {@link io.tributary.inject.MagBlock} is MAG-BERT's adaptation gate, applied once between the
 * embeddings and layer 0. {@link io.tributary.inject.ScoreMemory} estimates the memory of the
 * attention scores so that a run that cannot fit is refused before it starts.
 *
 * <p>Child and parameter names follow the reference implementations (the PyTorch transcription's
 * {@code Wq, Wk, u, Wv, ffn.0, ffn.3, w, b}; MAG-BERT's {@code W_hv, W_ha, W_v, W_a, LayerNorm}),
 * so that {@link io.tributary.tensors.BlockParameters} names map one to one onto their keys; the
 * branch groups them under {@code attention}, {@code ffn} and {@code gate}. {@link
 * io.tributary.inject.ReferenceForward} runs one block, or the alignment losses, on the weights and
 * inputs of a file laid out as the reference fixtures ({@code ./msa forward}).
 */
package io.tributary.inject;
