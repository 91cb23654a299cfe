package dev.livediffusion.engine;

import dev.livediffusion.engine.onnx.OnnxRuntimeSession;
import dev.livediffusion.engine.onnx.OnnxSignature;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one place that decides which engine runs a graph, and says so in the log. */
public final class InferenceEngines {

    private static final Logger LOG = Logger.getLogger(InferenceEngines.class);

    static {
        // DJL otherwise picks the first engine on the class path, which may be one whose native
        // libraries are absent; OnnxRuntime ships its own and runs anywhere.
        if (System.getProperty("ai.djl.default_engine") == null) {
            System.setProperty("ai.djl.default_engine", "OnnxRuntime");
        }
        System.setProperty("ai.djl.offline", "true");
    }

    private InferenceEngines() {
    }

    /**
     * Opens one stage's graph.
     *
     * @param onnxFile the stage's {@code model.onnx}; its declared inputs and outputs are read first so a
     *                 malformed folder fails here with the file's name rather than deep inside a run
     */
    public static InferenceSession open(Path onnxFile, EngineKind kind, int threads) throws IOException {
        if (!Files.isRegularFile(onnxFile)) {
            throw new IOException("missing model file " + onnxFile);
        }
        OnnxSignature signature;
        try {
            signature = OnnxSignature.read(onnxFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(onnxFile + " is not a readable ONNX model: " + e.getMessage(), e);
        }
        if (kind == EngineKind.TENSORRT) {
            LOG.warnf("TensorRT is not available in this build; %s runs on OnnxRuntime (CPU)", onnxFile);
        }
        InferenceSession session = OnnxRuntimeSession.load(onnxFile, signature, threads);
        LOG.infof("%s: %s, inputs %s", onnxFile, session.placement(), signature.inputs());
        return session;
    }
}
