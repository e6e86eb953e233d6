package io.openkws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openkws.yaml.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code tuyamcu} configuration section: defaults, the issue's example, and one-line errors. */
class TuyaMcuConfigTest {

    @Test
    void without_a_tuyamcu_section_or_port_the_bridge_is_off_with_the_stock_answers() {
        assertEquals(TuyaMcuConfig.OFF, Config.parse("c.yaml", "").tuyamcu());
        assertEquals(TuyaMcuConfig.OFF, Config.defaults().tuyamcu());
        TuyaMcuConfig noPort = Config.parse("c.yaml", "tuyamcu: { baud: 9600 }").tuyamcu();
        assertFalse(noPort.enabled());
        assertEquals(9600, noPort.baud());
    }

    @Test
    void the_issue_s_example_reads_as_written() {
        TuyaMcuConfig t = Config.parse("c.yaml",
                "tuyamcu: { port: /dev/ttyAMA1, baud: 115200, productKey: tadm13agjigbdtxd, version: 0.2.1 }")
                .tuyamcu();
        assertEquals(new TuyaMcuConfig(Optional.of("/dev/ttyAMA1"), 115200, "tadm13agjigbdtxd", "0.2.1"), t);
    }

    @Test
    void mistakes_name_the_file_line_and_key() {
        assertEquals("c.yaml:2: tuyamcu.baud: 115201 is not one of 9600, 19200, 38400, 57600, 115200",
                error("tuyamcu:\n  baud: 115201\n"));
        assertEquals("c.yaml:3: tuyamcu.productKey: 'tadm-13' must be a Tuya product id: 1 to 32 letters and digits",
                error("tuyamcu:\n  port: /dev/ttyAMA1\n  productKey: tadm-13\n"));
        assertEquals("c.yaml:2: tuyamcu.version: '0.2.1\"' must be a version such as 0.2.1 (digits and dots)",
                error("tuyamcu:\n  version: '0.2.1\"'\n"));
        assertEquals("c.yaml:2: tuyamcu.speed: unknown key (allowed: port, baud, productKey, version)",
                error("tuyamcu:\n  speed: 9600\n"));
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> Config.parse("c.yaml", yaml)).getMessage();
    }
}
