/** ONNX export of Fovea models, and import of ONNX models (made by Fovea or by PyTorch) into Fovea. */
package dev.fovea.onnx;
