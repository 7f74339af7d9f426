package dev.fovea.viz.report;

/**
 * One section of the report: its anchor, its heading, a short explanation for people learning
 * how CNNs work, and its content (HTML).
 */
record Section(String id, String title, String explanation, String body) {
}
