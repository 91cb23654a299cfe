package dev.livediffusion.generation;

/**
 * How a request is sampled: steps and picture size. Requests may name them where the model allows
 * ({@link #of}); unnamed, they are the model's ({@code app.model.steps} at the configured size).
 */
public record ImageParameters(int steps, int width, int height) {

    public static final int MAX_STEPS = FewStepSampler.MAX_STEPS;
    /** Sides a request may ask for where the model takes any size: a latent of 4 to 128 cells at SD's factor 8. */
    public static final int MIN_SIDE = 32;
    public static final int MAX_SIDE = 1024;

    public static ImageParameters defaults(ModelInfo model) {
        return new ImageParameters(model.steps(), model.width(), model.height());
    }

    /**
     * The request's parameters, each null one the model's default.
     *
     * @throws Refused a value out of range, or a size the model cannot draw
     */
    public static ImageParameters of(ModelInfo model, Integer steps, Integer width, Integer height) {
        if (steps != null && (steps < 1 || steps > MAX_STEPS)) {
            throw new Refused("bad_steps", "\"steps\" must be an integer from 1 to " + MAX_STEPS);
        }
        int w = width == null ? model.width() : width;
        int h = height == null ? model.height() : height;
        if (!model.anySize() && (w != model.width() || h != model.height())) {
            throw new Refused("bad_size", "the model " + model.name() + " draws " + model.width() + "x"
                    + model.height() + " pictures only, not " + w + "x" + h);
        }
        boolean own = w == model.width() && h == model.height();
        if (!own && (!fits(w, model.latentFactor()) || !fits(h, model.latentFactor()))) {
            throw new Refused("bad_size", "\"width\" and \"height\" must be multiples of " + model.latentFactor()
                    + " from " + MIN_SIDE + " to " + MAX_SIDE);
        }
        return new ImageParameters(steps == null ? model.steps() : steps, w, h);
    }

    private static boolean fits(int side, int factor) {
        return side % factor == 0 && side >= MIN_SIDE && side <= MAX_SIDE;
    }

    /** A parameter the model does not allow: {@code code} is the protocol's error code (README). */
    public static final class Refused extends RuntimeException {

        private final String code;

        public Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
