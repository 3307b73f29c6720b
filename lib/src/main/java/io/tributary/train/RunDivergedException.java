package io.tributary.train;

/**
 * A run in which no epoch had a finite validation loss: there is no checkpoint to keep and no
 * result to report. The command line says so in one line and exits with {@link #EXIT_CODE}, apart
 * from user errors (2); no {@code result.json} is written.
 */
public final class RunDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exit code of a diverged run. */
    public static final int EXIT_CODE = 3;

    RunDivergedException(String message) {
        super(message);
    }
}
