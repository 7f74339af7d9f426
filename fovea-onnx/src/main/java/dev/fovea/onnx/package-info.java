/**
 * ONNX export of Fovea models ({@link dev.fovea.onnx.OnnxExport}), and import of ONNX models made by
 * Fovea or by PyTorch into Fovea ({@link dev.fovea.onnx.OnnxImport}).
 *
 * <p>The ONNX messages are read and written with protobuf-java's CodedInputStream and
 * CodedOutputStream, one small class per message family (ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto) holding only the fields Fovea uses, with the field
 * numbers of the ONNX specification. No code is generated: the build needs no protoc executable,
 * and every length and size in a file is checked before memory is allocated for it.
 */
package dev.fovea.onnx;
