package io.tributary.data.pickle;

import java.util.Arrays;
import java.util.List;

/**
 * The only globals a pickle may name: those numpy's own array pickles use (DESIGN.md section 6).
 * Anything else is refused by name; no global is ever looked up or run, each is interpreted here.
 */
enum PythonGlobal {
    RECONSTRUCT("numpy.core.multiarray", "numpy._core.multiarray", "_reconstruct"),
    NDARRAY("numpy", null, "ndarray"),
    DTYPE("numpy", null, "dtype"),
    FROMBUFFER("numpy.core.numeric", "numpy._core.numeric", "_frombuffer"),
    SCALAR("numpy.core.multiarray", "numpy._core.multiarray", "scalar"),
    CODECS_ENCODE("_codecs", null, "encode"),
    BYTES("__builtin__", "builtins", "bytes");

    private final List<String> modules;
    private final String name;

    PythonGlobal(String module, String alternative, String name) {
        this.modules = alternative == null ? List.of(module) : List.of(module, alternative);
        this.name = name;
    }

    /** The module numpy 1.x names, as a pickle written today names it. */
    String module() {
        return modules.get(0);
    }

    /** The name within the module. */
    String attribute() {
        return name;
    }

    /** The accepted global of that module and name, or null. */
    static PythonGlobal find(String module, String name) {
        return Arrays.stream(values())
                .filter(g -> g.name.equals(name) && g.modules.contains(module))
                .findFirst()
                .orElse(null);
    }

    /** What the pickle may name, for the error that refuses anything else. */
    static String accepted() {
        StringBuilder out = new StringBuilder();
        for (PythonGlobal g : values()) {
            for (String module : g.modules) {
                out.append(out.length() == 0 ? "" : ", ").append(module).append('.').append(g.name);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return modules.get(0) + "." + name;
    }
}
