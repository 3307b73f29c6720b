package io.tributary.cli;

import io.tributary.core.CodeVersion;
import picocli.CommandLine;

/** {@code ./msa --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"tributary " + CodeVersion.get()};
    }
}
