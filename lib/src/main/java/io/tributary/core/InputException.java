package io.tributary.core;

/**
 * A problem with what the user gave us: a file, a key, an option. Its message is one line that
 * names the file, key or option, what was expected and what was found; the command line prints it
 * without a stack trace and exits with code 2.
 */
public class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
