/** {@code ./msa}: picocli commands, each a thin call into the library. */
package io.tributary.cli;
