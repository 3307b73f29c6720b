/**
 * CMU-MultimodalSDK computational sequences ({@code .csd}, HDF5): reading them ({@link
 * io.tributary.data.sdk.CsdReader}), aligning acoustic and visual frames to labelled segments or to
 * their words ({@link io.tributary.data.sdk.SdkAligner}), writing the aligned segments as JSON and
 * splitting them by the SDK's standard folds ({@link io.tributary.data.sdk.StandardFolds}).
 *
 * <p>A computational sequence file holds one root group: {@code /<root>/data/<video>/intervals} (n,
 * 2) start and end in seconds, {@code /<root>/data/<video>/features} (n, d), and {@code
 * /<root>/metadata/<key>}, length-1 string datasets.
 */
package io.tributary.data.sdk;
