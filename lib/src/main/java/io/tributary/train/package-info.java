/**
 * Training (DESIGN.md section 4): {@link io.tributary.train.ModelTrainer}, one loop for every model
 * family, each family's {@code Objective} saying what it minimises; and the parts the loop calls:
 * parameter groups with their own learning rates, AdamW with global gradient-norm clipping, the
 * linear warm-up schedule, early stopping, a progress line, the run folder and the per-epoch JSONL
 * log. A run's records ({@code epochs.jsonl}, {@code result.json}) and its saved model are what
 * every layer above reads.
 *
 * <p>One step of the loop reads:
 *
 * <pre>{@code
 * ParameterGroups groups =
 *         ParameterGroups.builder()
 *                 .setBlock(model)
 *                 .optGateParameters(model.gateParameters())
 *                 .build();
 * LinearWarmupSchedule schedule = LinearWarmupSchedule.builder().setTotalSteps(steps).build();
 * try (AdamW optimizer = AdamW.builder().setParameterGroups(groups).build()) {
 *     for (...) {
 *         try (GradientCollector collector = engine.newGradientCollector()) {
 *             collector.backward(loss);
 *         }
 *         optimizer.step(schedule.multiplier(optimizer.getStepCount()));
 *     }
 * }
 * }</pre>
 */
package io.tributary.train;
