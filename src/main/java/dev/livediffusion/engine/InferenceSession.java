package dev.livediffusion.engine;

import java.util.List;
import java.util.Map;

/** One loaded model graph on one engine. Not thread-safe: callers serialise runs. */
public interface InferenceSession extends AutoCloseable {

    /** Runs the graph; inputs and outputs keyed by the tensor names of the model file. */
    Map<String, Tensor> run(Map<String, Tensor> inputs);

    List<TensorSpec> inputs();

    List<TensorSpec> outputs();

    /** The file the graph came from, for messages. */
    String source();

    /** Engine and device, e.g. "OnnxRuntime on cpu", for logs and the admin page. */
    String placement();

    default boolean hasInput(String name) {
        return inputs().stream().anyMatch(s -> s.name().equals(name));
    }

    /** The declared input, or a message naming the file, the missing name and what the file has. */
    default TensorSpec requireInput(String name) {
        return inputs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                () -> new GraphContractException(source() + ": expected an input named \"" + name
                        + "\", the graph declares " + inputs()));
    }

    default TensorSpec requireOutput(String name) {
        return outputs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                () -> new GraphContractException(source() + ": expected an output named \"" + name
                        + "\", the graph declares " + outputs()));
    }

    @Override
    void close();
}
