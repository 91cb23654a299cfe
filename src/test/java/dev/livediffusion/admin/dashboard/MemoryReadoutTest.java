package dev.livediffusion.admin.dashboard;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resident memory comes from /proc's status file, and is simply absent where that has none. */
class MemoryReadoutTest {

    @Test
    void residentMemoryIsReadFromTheVmRssLine() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9999999 kB", "VmHWM:\t  800000 kB", "VmRSS:\t  524288 kB",
                "Threads:\t42");
        assertEquals(OptionalLong.of(512), MemoryReadout.residentMiB(status));
        assertEquals(OptionalLong.empty(), MemoryReadout.residentMiB(List.of("Name:\tjava")));
    }

    @Test
    void thisProcessHasAResidentSizeOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(new MemoryReadout().residentMiB().orElse(0) > 0);
        }
    }
}
