package dev.fovea.image;

/** What an image file's header says: its format ("JPEG", "PNG", "GIF" or "BMP") and size in pixels. */
public record ImageHeader(String format, int width, int height) {}
