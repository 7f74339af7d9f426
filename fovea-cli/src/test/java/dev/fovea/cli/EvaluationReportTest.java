package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.train.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {
    @Test
    void formatsTheFiguresAndAnAlignedConfusionMatrix() {
        int[][] confusion = {{8, 2, 0}, {1, 1000, 0}, {0, 0, 0}};
        Evaluation evaluation = new Evaluation(0.25, 1008.0 / 1011, confusion, List.of("cat", "dog", "bird"));

        String report = EvaluationReport.format(evaluation, List.of("cat", "dog", "long name"));

        assertEquals(String.join("\n",
                "Test accuracy: 0.9970",
                "Test loss: 0.2500",
                "",
                "Accuracy per class:",
                "  0 cat             0.8000  (10 images)",
                "  1 dog             0.9990  (1,001 images)",
                "  2 long name            -  (0 images)",
                "",
                "Confusion matrix (rows: true class, columns: predicted class):",
                "  true \\ predicted     0     1     2",
                "  0 cat                8     2     0",
                "  1 dog                1  1000     0",
                "  2 long name          0     0     0",
                ""), report);
    }
}
