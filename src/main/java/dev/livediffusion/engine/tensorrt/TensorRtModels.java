package dev.livediffusion.engine.tensorrt;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import dev.livediffusion.engine.AcceleratorUnavailableException;
import dev.livediffusion.engine.DjlSession;
import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.onnx.OnnxSignature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Opens prebuilt TensorRT plans with DJL's TensorRT engine, on the first GPU. */
public final class TensorRtModels {

    private static final String ENGINE = "TensorRT";

    private TensorRtModels() {
    }

    /** DJL's TensorRT engine is on the class path, its native libraries load, and a GPU is visible. */
    public static void requireAvailable() {
        if (!Engine.hasEngine(ENGINE)) {
            throw new AcceleratorUnavailableException("DJL's TensorRT engine (ai.djl.tensorrt:tensorrt) is not on the class path");
        }
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new AcceleratorUnavailableException("TensorRT's native libraries did not load", e);
        }
        if (engine.getGpuCount() == 0) {
            throw new AcceleratorUnavailableException("no CUDA GPU is visible");
        }
    }

    /**
     * @param graph the stage's ONNX signature; the plan binds its inputs by position, retyped and pinned as
     *              {@link TensorRtPlans#bound} says
     */
    public static InferenceSession load(TensorRtPlans plans, String stage, OnnxSignature graph) {
        Path plan = plans.plan(stage);
        if (!Files.isRegularFile(plan)) {
            throw new AcceleratorUnavailableException("missing " + plan + " (build it with tensorrt-engines/build.sh"
                    + (plans.batch() > 1 ? " --batch " + plans.batch() : "") + ")");
        }
        Model model = Model.newInstance(stage, Device.gpu(), ENGINE);
        try {
            model.load(plan, stage, Map.of());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new AcceleratorUnavailableException("TensorRT could not load " + plan
                    + " (plans only run on the TensorRT version and GPU model that built them)", e);
        }
        String placement = "TensorRT " + Engine.getEngine(ENGINE).getVersion() + " on " + Device.gpu() + " (" + plan + ")";
        return new DjlSession(model, graph.inputs().stream().map(plans::bound).toList(), graph.outputs(),
                plan.toString(), placement, () -> { });
    }
}
