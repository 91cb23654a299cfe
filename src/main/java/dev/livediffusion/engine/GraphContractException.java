package dev.livediffusion.engine;

/** A model file whose graph does not have the inputs, outputs or shapes the pipeline needs. */
public class GraphContractException extends RuntimeException {

    public GraphContractException(String message) {
        super(message);
    }
}
