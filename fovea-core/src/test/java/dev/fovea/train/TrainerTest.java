package dev.fovea.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.data.Batch;
import dev.fovea.data.DataLoader;
import dev.fovea.data.ImageDataset;
import dev.fovea.data.InputScaling;
import dev.fovea.data.augment.Augmentation;
import dev.fovea.kernel.Parallel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Dropout;
import dev.fovea.nn.ForwardContext;
import dev.fovea.nn.Loss;
import dev.fovea.optim.Adam;
import dev.fovea.optim.LearningRateSchedule;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.HookedImageSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final ImageDataset TRAIN = BarsAndSquares.generate("shapes-train", 300, 3, 1);
    private static final ImageDataset VALIDATION = BarsAndSquares.generate("shapes-val", 120, 3, 2);

    private static Sequential compiledCnn(long initSeed) {
        Sequential model = BarsAndSquares.softmaxCnn(3, initSeed);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        return model;
    }

    @Test
    void smallCnnLearnsTheShapesInAFewEpochs() {
        // Across six init and fit seeds, 8 epochs ended at >= 99 % training and >= 98 % validation
        // accuracy (95 % is first passed around epoch 5), so 95 % leaves room for seed luck.
        Sequential model = compiledCnn(1);
        History history = model.fit(TRAIN, FitOptions.epochs(8).batchSize(16).seed(3).validationData(VALIDATION));
        assertTrue(history.last("accuracy") >= 0.95, "training accuracy " + history.values("accuracy"));
        assertTrue(history.last("val_accuracy") >= 0.95, "validation accuracy " + history.values("val_accuracy"));
    }

    @Test
    void historyHoldsEveryValueOncePerEpochAndTheLossFalls() {
        Sequential model = compiledCnn(1);
        History history = model.fit(TRAIN, FitOptions.epochs(3).batchSize(16).seed(3).validationData(VALIDATION));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds",
                        "data_wait_seconds"),
                List.copyOf(history.asMap().keySet()));
        for (List<Double> values : history.asMap().values()) {
            assertEquals(3, values.size());
        }
        for (int e = 0; e < 3; e++) {
            EpochLogs logs = history.epochs().get(e);
            assertEquals(e, logs.epoch());
            assertEquals(0.01, logs.get("learning_rate"), 1e-9); // stored from a float: 1e-9 is exact enough
            assertTrue(logs.get("seconds") > 0);
            assertTrue(logs.get("accuracy") >= 0 && logs.get("accuracy") <= 1);
        }
        List<Double> loss = history.values("loss");
        assertTrue(loss.get(2) < loss.get(1) && loss.get(1) < loss.get(0), "loss " + loss);
        // The last epoch's val_loss is the loss evaluate reports for the weights training ended with.
        assertEquals(model.evaluate(VALIDATION, 64).loss(), history.last("val_loss"), 1e-6);
    }

    @Test
    void theLoggedLearningRateIsTheScheduleAtTheEpochsFirstStep() {
        ImageDataset small = TRAIN.slice(0, 40); // 3 steps of 16, 16 and 8
        Sequential model = BarsAndSquares.softmaxCnn(3, 1);
        model.compile(new Adam(LearningRateSchedule.stepDecay(0.01, 0.5, 2), 0.9f, 0.999f, 1e-7f, 0f),
                Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        History history = model.fit(small, FitOptions.epochs(3).batchSize(16));
        // Epochs start at steps 0, 3 and 6: floor(step / 2) = 0, 1, 3.
        List<Double> rates = history.values("learning_rate");
        assertEquals(0.01, rates.get(0), 1e-12);
        assertEquals(0.005, rates.get(1), 1e-12);
        assertEquals(0.00125, rates.get(2), 1e-12);
        assertFalse(history.asMap().containsKey("val_loss"), "no validation data, no val_loss");
    }

    @Test
    void theSameSeedsGiveBitIdenticalWeightsOnTwoThreads() {
        int threads = Parallel.threads();
        Parallel.setThreads(2);
        try {
            float[][] first = trainWithDropout(7, true);
            float[][] again = trainWithDropout(7, true);
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], again[i], "parameter " + i);
            }
            assertFalse(Arrays.deepEquals(first, trainWithDropout(8, true)), "another fit seed trains other weights");
            // In a fixed order only the dropout masks can differ: the fit seed must draw them too.
            assertFalse(Arrays.deepEquals(trainWithDropout(7, false), trainWithDropout(8, false)),
                    "the fit seed draws the dropout masks");
        } finally {
            Parallel.setThreads(threads);
        }
    }

    private static float[][] trainWithDropout(long fitSeed, boolean shuffle) {
        Sequential model = BarsAndSquares.smallCnn(5, new Dropout(0.25f), new Dense(3, ActivationFunction.SOFTMAX));
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        model.fit(TRAIN.slice(0, 100), FitOptions.epochs(2).batchSize(16).seed(fitSeed).shuffle(shuffle));
        return model.parameters().stream().map(p -> p.data().clone()).toArray(float[][]::new);
    }

    @Test
    void callbacksHearEveryEventInOrderWithRunningMeans() {
        ImageDataset train = TRAIN.slice(0, 50); // steps of 16, 16, 16 and 2
        List<String> events = new ArrayList<>();
        List<BatchLogs> batches = new ArrayList<>();
        List<EpochLogs> epochs = new ArrayList<>();
        History[] heard = new History[1];
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext c) {
                events.add("train begin");
                assertEquals(2, c.epochs());
                assertEquals(4, c.stepsPerEpoch());
                assertEquals(50, c.trainExamples());
                assertEquals(16, c.batchSize());
                assertTrue(c.validating());
            }

            @Override
            public void onEpochBegin(int epoch) {
                events.add("epoch " + epoch + " begin");
            }

            @Override
            public void onBatchEnd(int epoch, BatchLogs logs) {
                events.add("epoch " + epoch + " batch " + logs.step() + "/" + logs.steps());
                batches.add(logs);
            }

            @Override
            public void onEpochEnd(EpochLogs logs) {
                events.add("epoch " + logs.epoch() + " end");
                epochs.add(logs);
            }

            @Override
            public void onTrainEnd(History history) {
                events.add("train end");
                heard[0] = history;
            }
        };
        Sequential model = compiledCnn(1);
        History history = model.fit(train, FitOptions.epochs(2).batchSize(16).validationData(VALIDATION.slice(0, 20))
                .callbacks(recorder));

        List<String> expected = new ArrayList<>(List.of("train begin"));
        for (int e = 0; e < 2; e++) {
            expected.add("epoch " + e + " begin");
            for (int s = 1; s <= 4; s++) {
                expected.add("epoch " + e + " batch " + s + "/4");
            }
            expected.add("epoch " + e + " end");
        }
        expected.add("train end");
        assertEquals(expected, events);
        assertSame(history, heard[0]);

        int[] sizes = {16, 16, 16, 2};
        for (int e = 0; e < 2; e++) {
            double lossSum = 0;
            long seen = 0;
            for (int s = 0; s < 4; s++) {
                BatchLogs logs = batches.get(e * 4 + s);
                seen += sizes[s];
                lossSum += logs.batchLoss() * sizes[s];
                assertEquals(seen, logs.examples());
                // Means of float losses accumulated in double: 1e-9 only absorbs summation order.
                assertEquals(lossSum / seen, logs.loss(), 1e-9, "running mean loss at step " + (s + 1));
            }
            BatchLogs last = batches.get(e * 4 + 3);
            assertEquals(last.loss(), epochs.get(e).get("loss"));
            assertEquals(last.accuracy(), epochs.get(e).get("accuracy"));
            assertEquals(history.epochs().get(e).values(), epochs.get(e).values());
        }
    }

    @Test
    void evaluateCountsTrueClassesInRowsAndPredictionsInColumns() {
        // An untrained model on unbalanced data: predictions are skewed, so rows and columns of
        // the confusion matrix have different sums and a transposed matrix would show.
        Sequential model = compiledCnn(4);
        ImageDataset data = VALIDATION;
        Evaluation evaluation = model.evaluate(data, 32);

        int[] labelCounts = new int[3];
        int[] predictedCounts = new int[3];
        double lossSum = 0;
        Tensor probabilities = model.predict(DataLoader.inOrder(data, data.size(), InputScaling.unit()).batch(0).images());
        int[] predicted = Predictions.classes(probabilities, 0.5f);
        for (int i = 0; i < data.size(); i++) {
            labelCounts[data.label(i)]++;
            predictedCounts[predicted[i]]++;
            lossSum -= Math.log(probabilities.data()[i * 3 + data.label(i)]);
        }
        int[][] confusion = evaluation.confusion();
        int diagonal = 0;
        for (int c = 0; c < 3; c++) {
            assertEquals(labelCounts[c], Arrays.stream(confusion[c]).sum(), "row " + c);
            int column = 0;
            for (int[] row : confusion) {
                column += row[c];
            }
            assertEquals(predictedCounts[c], column, "column " + c);
            diagonal += confusion[c][c];
        }
        assertEquals(data.size(), evaluation.examples());
        assertEquals((double) diagonal / data.size(), evaluation.accuracy(), 1e-12);
        assertEquals(data.classNames(), evaluation.classNames());
        // The loss from logits versus -log of float32 softmax probabilities: 1e-5 relative.
        assertEquals(lossSum / data.size(), evaluation.loss(), 1e-5 * evaluation.loss());
    }

    @Test
    void meanImageScalingTakesItsMeanFromTheTrainingSetOnly() {
        // A validation set of saturated images: any of it in the mean would raise it far above
        // the training mean.
        byte[] white = new byte[20 * 16 * 16];
        Arrays.fill(white, (byte) 255);
        ImageDataset bright = new ImageDataset("white", 16, 16, 1, white, new int[20], TRAIN.classNames());
        Model model = compiledCnn(1).inputScaling(InputScaling.of(InputScaling.Kind.MEAN_IMAGE));
        model.fit(TRAIN, FitOptions.epochs(1).validationData(bright));

        int pixels = 16 * 16;
        float[] expected = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            double sum = 0;
            for (int i = 0; i < TRAIN.size(); i++) {
                sum += TRAIN.pixels()[i * pixels + p] & 0xFF;
            }
            expected[p] = (float) (sum / TRAIN.size());
        }
        // 1e-4 pixel units: float rounding of means in 0..255.
        assertArrayEquals(expected, model.inputScaling().meanImage(), 1e-4f);
    }

    @Test
    void rejectsImagesOfAnotherSizeNamingBothShapes() {
        ImageDataset small = new ImageDataset("tiny", 8, 8, 1, new byte[4 * 64], new int[4], TRAIN.classNames());
        for (FitOptions options : List.of(FitOptions.epochs(1), FitOptions.epochs(1).validationData(small))) {
            ImageDataset train = options.validationData() == null ? small : TRAIN;
            List<Integer> epochsBegun = new ArrayList<>();
            options.callbacks(new Callback() {
                @Override
                public void onEpochBegin(int epoch) {
                    epochsBegun.add(epoch);
                }
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> compiledCnn(1).fit(train, options));
            assertTrue(e.getMessage().contains("tiny has 8x8x1 images"), e.getMessage());
            assertTrue(e.getMessage().contains("expects (16, 16, 1)"), e.getMessage());
            assertEquals(List.of(), epochsBegun, "rejected before training starts");
        }
    }

    @Test
    void fitBeforeCompileSaysToCompile() {
        Sequential model = BarsAndSquares.softmaxCnn(3, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(TRAIN, FitOptions.epochs(1)));
        assertTrue(e.getMessage().contains("call compile(optimizer, loss, metrics) before fit"), e.getMessage());
    }

    @Test
    void sigmoidModelLearnsTwoClasses() {
        ImageDataset train = BarsAndSquares.generate("bars-train", 200, 2, 11);
        ImageDataset validation = BarsAndSquares.generate("bars-val", 80, 2, 12);
        Sequential model = BarsAndSquares.smallCnn(1, new Dense(1, ActivationFunction.SIGMOID));
        model.compile(new Adam(1e-2), Loss.binaryCrossentropy(), Metric.ACCURACY);
        // Six seeds all reached 100 % on both sets by epoch 5 of 6.
        History history = model.fit(train, FitOptions.epochs(6).batchSize(16).seed(1).validationData(validation));
        assertTrue(history.last("accuracy") >= 0.95, "training accuracy " + history.values("accuracy"));
        assertTrue(history.last("val_accuracy") >= 0.95, "validation accuracy " + history.values("val_accuracy"));
    }

    @Test
    void sigmoidModelAccuracyThresholdsTheProbabilityAtOneHalf() {
        // Untrained, the logits sit near 0, so a threshold of 0.5 applied to the logit instead of
        // the probability would disagree on the examples with a logit in (0, 0.5).
        ImageDataset data = BarsAndSquares.generate("bars", 200, 2, 13);
        Sequential model = BarsAndSquares.smallCnn(1, new Dense(1, ActivationFunction.SIGMOID));
        model.compile(new Adam(1e-2), Loss.binaryCrossentropy(), Metric.ACCURACY);
        Tensor images = DataLoader.inOrder(data, data.size(), InputScaling.unit()).batch(0).images();
        float[] logits = model.forwardBefore(ActivationFunction.SIGMOID, images, ForwardContext.INFERENCE).data();
        float[] probabilities = model.predict(images).data();
        int right = 0;
        int between = 0;
        for (int i = 0; i < data.size(); i++) {
            right += (probabilities[i] > 0.5f ? 1 : 0) == data.label(i) ? 1 : 0;
            between += logits[i] > 0 && logits[i] < 0.5f ? 1 : 0;
        }
        assertTrue(between > 0, "precondition: some logits in (0, 0.5)");
        assertEquals((double) right / data.size(), model.evaluate(data, 64).accuracy(), 1e-12);
    }

    @Test
    void aFrozenLayerKeepsItsWeightsBitIdenticalAndGetsNoGradient() {
        Sequential model = compiledCnn(1);
        model.layers().get(0).trainable(false);
        List<float[]> frozen = new ArrayList<>();
        for (Tensor p : model.layers().get(0).parameters().values()) {
            frozen.add(p.data().clone());
        }
        float[] headBefore = model.layers().get(model.layers().size() - 1).parameters().get("kernel").data().clone();
        model.fit(TRAIN, FitOptions.epochs(1).batchSize(16).seed(3));
        int i = 0;
        for (Tensor p : model.layers().get(0).parameters().values()) {
            assertArrayEquals(frozen.get(i++), p.data());
            assertEquals(null, p.grad(), "a frozen parameter needs no gradient");
        }
        assertFalse(Arrays.equals(headBefore,
                model.layers().get(model.layers().size() - 1).parameters().get("kernel").data()), "the head trains");
    }

    @Test
    void aDatasetWithMoreClassesThanOutputsIsRejected() {
        Sequential model = BarsAndSquares.softmaxCnn(2, 1);
        model.compile(new Adam(1e-2), Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(VALIDATION, 32));
        assertTrue(e.getMessage().contains("has 3 classes"), e.getMessage());
    }

    private static float[][] weights(Sequential model) {
        return model.parameters().stream().map(p -> p.data().clone()).toArray(float[][]::new);
    }

    private static float[][] trainAugmented(Augmentation augmentation, int loaderThreads) {
        Sequential model = compiledCnn(1);
        model.fit(TRAIN.slice(0, 100), FitOptions.epochs(2).batchSize(16).seed(7)
                .augmentation(augmentation).loaderThreads(loaderThreads));
        return weights(model);
    }

    @Test
    void augmentedTrainingGivesBitIdenticalWeightsWithAnyNumberOfLoaderThreads() {
        Augmentation augmentation = Augmentation.parse("crop:2,flip,rotate:10,erase:0.5");
        float[][] synchronous = trainAugmented(augmentation, 0);
        for (int threads : new int[] {1, 3}) {
            float[][] prefetched = trainAugmented(augmentation, threads);
            for (int i = 0; i < synchronous.length; i++) {
                assertArrayEquals(synchronous[i], prefetched[i], threads + " loader threads, parameter " + i);
            }
        }
        assertFalse(Arrays.deepEquals(synchronous, trainAugmented(Augmentation.none(), 0)),
                "augmented images train other weights");
    }

    @Test
    void withoutAugmentationFitTrainsOnExactlyTheLoadersBatches() {
        ImageDataset train = TRAIN.slice(0, 100);
        Sequential fitted = compiledCnn(1);
        fitted.fit(train, FitOptions.epochs(2).batchSize(16).seed(5).loaderThreads(2));

        // The training loop written out over DataLoader's batches, made on this thread.
        Sequential manual = BarsAndSquares.softmaxCnn(3, 1);
        Adam adam = new Adam(1e-2);
        Loss loss = Loss.sparseCategoricalCrossentropy();
        ForwardContext training = ForwardContext.training(new SplittableRandom(0)); // no dropout draws from it
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch batch : DataLoader.shuffled(train, 16, InputScaling.unit(), 5, epoch)) {
                manual.parameters().forEach(Tensor::zeroGrad);
                Tensor value = loss.compute(manual.forwardBefore(loss.fusedActivation(), batch.images(), training),
                        batch.labels());
                value.backward();
                adam.step(manual.trainableParameters());
            }
        }
        float[][] expected = weights(manual);
        float[][] actual = weights(fitted);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "parameter " + i);
        }
    }

    private static List<String> loaderThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("fovea-loader")).toList();
    }

    @Test
    void noLoaderThreadOutlivesFitHoweverItEnds() {
        ImageDataset train = TRAIN.slice(0, 96);
        FitOptions threeThreads = FitOptions.epochs(1).batchSize(8).loaderThreads(3)
                .augmentation(Augmentation.parse("cifar"));
        compiledCnn(1).fit(train, threeThreads.validationData(VALIDATION));
        assertEquals(List.of(), loaderThreadsAlive(), "after a normal end");

        Callback stopAfterFirstEpoch = new Callback() {
            private TrainingContext context;

            @Override
            public void onTrainBegin(TrainingContext c) {
                context = c;
            }

            @Override
            public void onEpochEnd(EpochLogs logs) {
                context.requestStop();
            }
        };
        History stopped = compiledCnn(1).fit(train, FitOptions.epochs(3).batchSize(8).loaderThreads(3)
                .callbacks(stopAfterFirstEpoch));
        assertEquals(1, stopped.epochs().size());
        assertEquals(List.of(), loaderThreadsAlive(), "after a callback stopped training");

        IllegalStateException callbackFailure = new IllegalStateException("callback failed");
        Callback failAtStepTwo = new Callback() {
            @Override
            public void onBatchEnd(int epoch, BatchLogs logs) {
                if (logs.step() == 2) {
                    throw callbackFailure;
                }
            }
        };
        assertSame(callbackFailure, assertThrows(IllegalStateException.class, () -> compiledCnn(1).fit(train,
                FitOptions.epochs(1).batchSize(8).loaderThreads(3).callbacks(failAtStepTwo))));
        assertEquals(List.of(), loaderThreadsAlive(), "after a callback threw mid-epoch");

        HookedImageSource broken = new HookedImageSource(train, index -> {
            if (index == 37) {
                throw new FoveaException("shapes/37.png: truncated file");
            }
        });
        FoveaException readFailure = assertThrows(FoveaException.class, () -> compiledCnn(1).fit(broken,
                FitOptions.epochs(1).batchSize(8).loaderThreads(3)));
        assertEquals("shapes/37.png: truncated file", readFailure.getMessage());
        assertEquals(List.of(), loaderThreadsAlive(), "after reading an image failed on a loader thread");
    }

    @Test
    void logsTheTimeTrainingWaitedForDataAfterEachBatchAndEpoch() {
        List<List<BatchLogs>> epochs = List.of(new ArrayList<>(), new ArrayList<>());
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(int epoch, BatchLogs logs) {
                epochs.get(epoch).add(logs);
            }
        };
        // Loading on the training thread: all the loading time is waiting, so it is certainly above 0.
        History history = compiledCnn(1).fit(TRAIN.slice(0, 64), FitOptions.epochs(2).batchSize(16)
                .loaderThreads(0).augmentation(Augmentation.parse("standard")).callbacks(recorder));
        for (int e = 0; e < 2; e++) {
            double previous = 0;
            for (BatchLogs logs : epochs.get(e)) {
                assertTrue(logs.dataWaitSeconds() > previous, "the wait adds up from 0 each epoch: " + logs);
                assertTrue(logs.dataWaitSeconds() <= logs.seconds(), "waiting is part of the epoch's time: " + logs);
                assertEquals(logs.dataWaitSeconds() / logs.step(), logs.dataWaitSecondsPerStep(), 1e-15);
                previous = logs.dataWaitSeconds();
            }
            EpochLogs logs = history.epochs().get(e);
            assertEquals(previous, logs.get("data_wait_seconds"), "the epoch's total is its last batch's");
            assertTrue(logs.get("data_wait_seconds") <= logs.get("seconds"));
        }
    }
}
