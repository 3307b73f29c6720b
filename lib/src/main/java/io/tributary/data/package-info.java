/**
 * Multimodal corpora as arrays: {@link io.tributary.data.MultimodalSplit} holds one split (ids,
 * text, audio, vision, labels) whatever file it came from, and {@link
 * io.tributary.data.MultimodalDataset} serves it to DJL's trainer as padded, masked batches. The
 * readers live in sub-packages by format.
 */
package io.tributary.data;
