# Runs onnx.checker (full check, with shape inference) on each file given; exits non-zero on the first failure.
# Prints "ok FILE" per accepted file. Used by OnnxExportCheckerTest.
import sys

import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    print("ok", path)
