package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.tributary.core.CodeVersion;
import io.tributary.core.Devices;
import org.junit.jupiter.api.Test;

class SessionInfoTest {

    @Test
    void describesTheDeviceVersionAndThreadsOfThisProcess() {
        SessionInfo info = SessionInfo.current();
        assertEquals(Devices.preferred().toString(), info.device());
        assertEquals(CodeVersion.get(), info.version());
        assertEquals(JniUtils.getNumThreads(), info.threads());
        assertTrue(info.engine().startsWith("PyTorch "), info.engine());
        String[] lines = info.toString().split("\n");
        assertEquals(System.getenv("GLIBC_TUNABLES"), info.malloc());
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("device:    " + info.device()), lines[0]);
        assertTrue(lines[1].endsWith(info.version()), lines[1]);
        assertTrue(lines[2].startsWith("threads:   " + info.threads() + " "), lines[2]);
        assertTrue(lines[3].startsWith("malloc:    "), lines[3]);
    }
}
