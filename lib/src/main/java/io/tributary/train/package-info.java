/**
 * The reusable parts of a training run (DESIGN.md section 4): parameter groups with their own
 * learning rates, AdamW with global gradient-norm clipping, the linear warm-up schedule, early
 * stopping, a progress line and the per-epoch JSONL log. The training loop calls them; none of them
 * knows a model.
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
