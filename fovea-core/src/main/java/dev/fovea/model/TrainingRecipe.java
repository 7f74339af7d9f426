package dev.fovea.model;

import dev.fovea.data.InputScaling;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.optim.LearningRateSchedule;
import dev.fovea.optim.Optimizer;
import dev.fovea.optim.RmsProp;
import dev.fovea.optim.Sgd;
import java.util.List;
import java.util.Locale;

/**
 * How a built-in model is trained by default: loss, optimizer, learning rate and its schedule,
 * weight decay, batch size, epochs, input scaling and augmentation, as in the tutorial or paper it
 * comes from. Every value can be overridden by the caller.
 *
 * @param schedule     "constant", or "cosine": the rate decays along a half cosine to 0 over the run
 * @param augmentation an {@link dev.fovea.data.augment.Augmentation#parse} text, "none" for none
 */
public record TrainingRecipe(Loss loss, String optimizer, double learningRate, float momentum, int batchSize,
                             int epochs, InputScaling.Kind inputScaling, float weightDecay, String schedule,
                             String augmentation) {

    /** The schedules {@link #schedule(double, long)} knows. */
    public static final List<String> SCHEDULES = List.of("constant", "cosine");

    /** A recipe with a constant rate, no weight decay and no augmentation: the classic tutorials'. */
    public TrainingRecipe(Loss loss, String optimizer, double learningRate, float momentum, int batchSize, int epochs,
                          InputScaling.Kind inputScaling) {
        this(loss, optimizer, learningRate, momentum, batchSize, epochs, inputScaling, 0f, "constant", "none");
    }

    /** The named schedule starting at {@code rate}, for a run of {@code totalSteps} optimizer steps. */
    public static LearningRateSchedule schedule(String name, double rate, long totalSteps) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "constant":
                return LearningRateSchedule.constant(rate);
            case "cosine":
                return LearningRateSchedule.cosineDecay(rate, totalSteps, 0);
            default:
                throw new IllegalArgumentException("unknown schedule '" + name + "': expected constant or cosine");
        }
    }

    /** The names {@link #optimizer} knows. */
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd", "nesterov", "rmsprop");

    /**
     * Creates the named optimizer: "adam", "sgd" (with the given momentum), "nesterov" (momentum 0.9
     * when given 0) or "rmsprop"; the learning rate comes from the schedule.
     */
    public static Optimizer optimizer(String name, float momentum, float weightDecay, LearningRateSchedule schedule) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "adam":
                return new Adam(schedule, 0.9f, 0.999f, Adam.DEFAULT_EPSILON, weightDecay);
            case "sgd":
                return new Sgd(schedule, momentum, false, weightDecay);
            case "nesterov":
                return new Sgd(schedule, momentum == 0 ? 0.9f : momentum, true, weightDecay);
            case "rmsprop":
                return new RmsProp(schedule, 0.9f, 0f, 1e-7f, weightDecay);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name
                        + "': expected adam, sgd, nesterov or rmsprop");
        }
    }
}
