#!/usr/bin/python3
"""Makes the PyTorch fixtures of fovea-onnx's import tests (OnnxImportPyTorchTest).

Run from this directory with Debian's PyTorch (python3-torch, 1.13): /usr/bin/python3 make_fixtures.py
It needs no 'onnx' Python package: torch.onnx.export (the TorchScript exporter) writes the files.

For each small CNN below (fixed seeds) it writes <name>.onnx (opset 13, batch dimension "N") and
<name>.json: a batch of 2 random images as 0-255 pixel values in NCHW order, and PyTorch's outputs
for those pixels divided by 255 (the input Fovea's default "unit" input scaling gives a model).
"""
import json

import torch
import torch.nn as nn

OPSET = 13


class MnistCnn(nn.Module):
    """conv-relu-maxpool-conv-relu-flatten-linear-relu-linear on 1x28x28: nn.Flatten of NCHW features."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(16 * 5 * 5, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class CifarCnn(nn.Module):
    """3x32x32: padding 1, stride 2, leaky relu, average pooling, tanh, x.view flatten, softmax."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.pool = nn.AvgPool2d(2)
        self.conv3 = nn.Conv2d(16, 16, 3, stride=2, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = nn.functional.leaky_relu(self.conv2(x), 0.1)
        x = torch.tanh(self.conv3(self.pool(x)))
        x = x.view(x.size(0), -1)
        return torch.softmax(self.fc(x), dim=1)


class GapCnn(nn.Module):
    """3x20x20: conv without bias + batch norm (the exporter folds it into the conv in eval mode), max pooling
    with stride 1, a 5x5 conv with stride 2 and padding 2, sigmoid, global average pooling, logits."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.norm = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(3, stride=1)
        self.conv2 = nn.Conv2d(8, 8, 5, stride=2, padding=2)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = self.pool(torch.relu(self.norm(self.conv1(x))))
        x = torch.sigmoid(self.conv2(x))
        return self.fc(torch.flatten(self.gap(x), 1))


def write_fixture(name, model, channels, size, seed):
    torch.manual_seed(seed)
    for p in model.parameters():
        p.data.uniform_(-0.3, 0.3)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):  # running statistics as if trained: means near 0, variances near 1
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
    model.eval()
    pixels = torch.randint(0, 256, (2, channels, size, size), dtype=torch.int64)
    with torch.no_grad():
        outputs = model(pixels.float() / 255)
    torch.onnx.export(model, pixels.float() / 255, name + ".onnx", opset_version=OPSET,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    with open(name + ".json", "w") as f:
        json.dump({"pixels_shape": list(pixels.shape), "pixels": pixels.flatten().tolist(),
                   "outputs_shape": list(outputs.shape), "outputs": [float(v) for v in outputs.flatten()]}, f)


if __name__ == "__main__":
    write_fixture("mnist_cnn", MnistCnn(), 1, 28, 1)
    write_fixture("cifar_cnn", CifarCnn(), 3, 32, 2)
    write_fixture("gap_cnn", GapCnn(), 3, 20, 3)
