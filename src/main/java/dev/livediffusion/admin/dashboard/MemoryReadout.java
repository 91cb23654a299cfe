package dev.livediffusion.admin.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Java heap, the process's resident memory (which includes ONNX Runtime's native memory, outside the heap) and,
 * where {@code nvidia-smi} is on the PATH, each GPU's memory.
 */
@ApplicationScoped
public class MemoryReadout {

    private static final long MIB = 1024 * 1024;
    private static final long GPU_QUERY_INTERVAL_MS = 2000;

    private volatile boolean gpuToolMissing;
    private volatile List<Gpu> lastGpus = List.of();
    private volatile long lastGpuQuery;

    public record Heap(long usedMiB, long committedMiB, long maxMiB, long nonHeapMiB) {
        public int percent() {
            return maxMiB <= 0 ? 0 : (int) (100 * usedMiB / maxMiB);
        }
    }

    public record Gpu(String name, long usedMiB, long totalMiB) {
        public int percent() {
            return totalMiB <= 0 ? 0 : (int) (100 * usedMiB / totalMiB);
        }
    }

    public Heap heap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        var heap = memory.getHeapMemoryUsage();
        return new Heap(heap.getUsed() / MIB, heap.getCommitted() / MIB, heap.getMax() / MIB,
                memory.getNonHeapMemoryUsage().getUsed() / MIB);
    }

    /** Resident memory of this process from {@code /proc/self/status} (Linux); empty where there is none. */
    public OptionalLong residentMiB() {
        try {
            return residentMiB(Files.readAllLines(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS:   123456 kB} line of a /proc status file, in MiB. */
    static OptionalLong residentMiB(List<String> status) {
        return status.stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst();
    }

    /** GPUs as nvidia-smi reports them, at most every two seconds; empty without a GPU. */
    public synchronized List<Gpu> gpus() {
        long now = System.currentTimeMillis();
        if (!gpuToolMissing && now - lastGpuQuery >= GPU_QUERY_INTERVAL_MS) {
            lastGpuQuery = now;
            lastGpus = queryGpus();
        }
        return lastGpus;
    }

    private List<Gpu> queryGpus() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.used,memory.total",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? parse(output) : List.of();
        } catch (IOException e) {
            gpuToolMissing = true;
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            String[] fields = line.split(",");
            if (fields.length == 3) {
                try {
                    gpus.add(new Gpu(fields[0].strip(), Long.parseLong(fields[1].strip()), Long.parseLong(fields[2].strip())));
                } catch (NumberFormatException e) {
                    // a line nvidia-smi could not fill ("[N/A]") is left out
                }
            }
        }
        return gpus;
    }
}
