package io.sipwarden.engine;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sipwarden.decision.BanSettings;
import io.sipwarden.detect.DetectorSettings;
import io.sipwarden.output.OutputSettings;
import io.sipwarden.store.StoreSettings;

/**
 * Everything the engine needs from the configuration, one record per section; null sections
 * take their defaults.
 *
 * @param queueCapacity events buffered between sensors and the detection thread (default 65536);
 *                      beyond it, events are dropped and counted rather than blocking a sensor
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EngineSettings(DetectorSettings detect, BanSettings ban, StoreSettings store,
                             OutputSettings output, Integer queueCapacity) {
    public EngineSettings {
        detect = detect == null ? DetectorSettings.defaults() : detect;
        ban = ban == null ? BanSettings.defaults() : ban;
        store = store == null ? StoreSettings.defaults() : store;
        output = output == null ? OutputSettings.defaults() : output;
        queueCapacity = queueCapacity == null ? 65_536 : queueCapacity;
        if (queueCapacity < 16 || queueCapacity > 16_777_216) {
            throw new IllegalArgumentException("engine.queue_capacity must be between 16 and 16777216: " + queueCapacity);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(null, null, null, null, null);
    }
}
