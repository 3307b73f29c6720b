/**
 * The training objectives of the injection model, each a DJL {@link ai.djl.training.loss.Loss}.
 *
 * <p><b>Contract with the models.</b> A loss reads the model's prediction {@link
 * ai.djl.ndarray.NDList} by position, as {@link io.tributary.loss.LossInputs} names them:
 *
 * <ul>
 *   <li>0: the task output: (B) or (B, 1) for regression, (B, 4, 2) logits for IEMOCAP;
 *   <li>1: z_l (B, d), the pooler output the head reads;
 *   <li>2: z_a (B, d), the acoustic vector;
 *   <li>3: z_v (B, d), the visual vector; a model that leaves a stream out ({@code modalities}) has
 *       no vector for it, and what follows moves up (the vectors are named {@code z_a}, {@code
 *       z_v}, so {@link io.tributary.loss.LossInputs#modalities} finds those there are);
 *   <li>4 and later: whatever else the model returns, each array named (the injection model's
 *       {@code gate_k} and {@code attention_k}, MMMIE's critics' scores); losses ignore them.
 * </ul>
 *
 * The label {@code NDList} holds the label at position 0: (B) or (B, 1) for regression, (B, 4)
 * class indices for IEMOCAP. The representation losses ({@link
 * io.tributary.loss.CrossModalMatchingLoss}, {@link io.tributary.loss.CrossModalMarginLoss}, {@link
 * io.tributary.loss.ContrastiveLoss}) sum over m in {a, v} (those the model reads) and are 0 for a
 * batch of fewer than two samples, which has neither a variance nor negatives. Each loss takes a
 * weight (the lambda of DESIGN.md section 1) that multiplies its value, so that a {@link
 * ai.djl.training.loss.SimpleCompositeLoss} of them is L = L_task + lambda_match L_match +
 * lambda_margin L_margin.
 */
package io.tributary.loss;
