package io.tributary.nn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config record's component as a setting of {@code ./msa train --set}, named as the JSON
 * writes it ({@code gateLr} is {@code gate_lr}), and says what it is and which models use it. The
 * settings list of {@code ./msa train --help} and of README.md is printed from these annotations,
 * the types of the components (a choice lists its names) and the records' defaults. A component
 * without it is set otherwise (the model by {@code --model}, the seed by {@code --seed}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /** One sentence: what the setting is, what its values mean. */
    String value();

    /** The models that use it; empty: every model the record configures. */
    ModelKind[] models() default {};
}
