/** Building blocks the model families share: recurrent encoders that respect sequence lengths. */
package io.tributary.nn;
