package dev.livediffusion.engine;

import dev.livediffusion.engine.kserve.KserveModels;
import dev.livediffusion.engine.onnx.OnnxRuntimeModels;
import dev.livediffusion.engine.onnx.OnnxSignature;
import dev.livediffusion.engine.tensorrt.TensorRtModels;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides which engine runs a model's graphs, and logs which engine and device serve
 * each stage. A GPU engine or inference server that cannot serve throws {@link AcceleratorUnavailableException}, from the check at
 * {@link #open(EngineSettings)} or from a stage that fails to load; the caller then falls back to the CPU.
 */
public final class InferenceEngines {

    private static final Logger LOG = Logger.getLogger(InferenceEngines.class);

    static {
        // DJL otherwise picks the first engine on the class path, which may be one whose native
        // libraries are absent (TensorRT); OnnxRuntime ships its own and runs anywhere.
        if (System.getProperty("ai.djl.default_engine") == null) {
            System.setProperty("ai.djl.default_engine", "OnnxRuntime");
        }
        System.setProperty("ai.djl.offline", "true");
    }

    private final String model;
    private final EngineSettings settings;
    private final List<InferenceSession> opened = new ArrayList<>();

    private InferenceEngines(String model, EngineSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /**
     * Checks a GPU engine once (class path, native libraries, GPU), or that the inference server answers, before
     * any stage loads.
     *
     * @param model the model's name, which the log gives with each stage
     */
    public static InferenceEngines open(String model, EngineSettings settings) {
        switch (settings.kind()) {
            case TENSORRT -> TensorRtModels.requireAvailable();
            case ONNXRUNTIME_TENSORRT -> OnnxRuntimeModels.requireTensorRtProvider();
            case KSERVE -> KserveModels.requireReady(settings.kserve());
            case ONNXRUNTIME -> { }
        }
        return new InferenceEngines(model, settings);
    }

    /** The engine every stage opened here runs on. */
    public EngineKind kind() {
        return settings.kind();
    }

    /**
     * Opens one stage's graph.
     *
     * @param onnxFile the stage's {@code <stage>/model.onnx}; its declared inputs and outputs are read first so a
     *                 malformed folder fails here with the file's name rather than deep inside a run (a server's
     *                 stage is checked too: the CPU fallback runs the local file)
     */
    public InferenceSession stage(Path onnxFile) throws IOException {
        if (!Files.isRegularFile(onnxFile)) {
            throw new IOException("missing model file " + onnxFile);
        }
        OnnxSignature signature;
        try {
            signature = OnnxSignature.read(onnxFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(onnxFile + " is not a readable ONNX model: " + e.getMessage(), e);
        }
        String stage = onnxFile.getParent().getFileName().toString();
        InferenceSession session = switch (settings.kind()) {
            case ONNXRUNTIME -> OnnxRuntimeModels.onCpu(onnxFile, signature, settings.threads());
            case ONNXRUNTIME_TENSORRT -> OnnxRuntimeModels.withTensorRt(onnxFile, signature,
                    settings.plans().folder().resolve("onnxruntime-cache"));
            case TENSORRT -> TensorRtModels.load(settings.plans(), stage, signature);
            case KSERVE -> KserveModels.stage(settings.kserve(), settings.kserve().modelFor(model, stage),
                    onnxFile.toString());
        };
        opened.add(session);
        LOG.infof("%s %s: %s, inputs %s", model, stage, session.placement(), session.inputs());
        return session;
    }

    /** Closes the stages opened so far, after a failure left them without an owner. */
    public void closeOpened() {
        opened.forEach(InferenceSession::close);
        opened.clear();
    }
}
