package dev.livediffusion.generation;

/** An image-to-image request to a model whose folder has no {@code vae_encoder}. */
public final class ImageToImageUnavailableException extends RuntimeException {

    ImageToImageUnavailableException(String model) {
        super("the model " + model + " has no vae_encoder, so it cannot start from an image");
    }
}
