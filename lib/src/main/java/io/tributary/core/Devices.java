package io.tributary.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the device at run time: the first GPU when DJL sees one, else the CPU. */
public final class Devices {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);
    private static volatile Device chosen;

    private Devices() {}

    /** The device every model and batch of this process uses; logged once, on first use. */
    public static Device preferred() {
        Device device = chosen;
        if (device == null) {
            synchronized (Devices.class) {
                device = chosen;
                if (device == null) {
                    Engine engine = Engine.getInstance();
                    device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
                    LOG.info(
                            "Device: {} ({} {})",
                            device,
                            engine.getEngineName(),
                            engine.getVersion());
                    chosen = device;
                }
            }
        }
        return device;
    }
}
