/**
 * What the model families share: recurrent encoders that respect sequence lengths, the models'
 * inputs, and what their config records declare (the model kinds, the {@link
 * io.tributary.nn.Setting} annotation).
 */
package io.tributary.nn;
