"""Reading CTranslate2's model.bin without CTranslate2, checked against files CTranslate2 itself writes."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from ctranslate2.specs import common_spec, model_spec

from transcribe.ct2_model import ModelFormatError, read_ct2_model
from transcribe.engines import resolve_model


class _TwoLayerSpec(model_spec.ModelSpec):
    """The smallest model CTranslate2 will serialize: two dense layers with the same weights."""

    def __init__(self) -> None:
        super().__init__()
        self.first = common_spec.LinearSpec()
        self.second = common_spec.LinearSpec()

    @property
    def name(self) -> str:
        return "TwoLayerSpec"

    @property
    def revision(self) -> int:
        return 7


def _write_with_ctranslate2(path: Path, weight: np.ndarray, quantization: str | None) -> Path:
    spec = _TwoLayerSpec()
    for layer in (spec.first, spec.second):
        layer.weight = weight.copy()  # CTranslate2 quantizes in place
        layer.bias = np.arange(weight.shape[0], dtype=np.float32)
    spec.validate()
    spec.optimize(quantization=quantization)
    spec._serialize(str(path))  # the writer model.bin files come from
    return path


def test_the_bundled_tiny_en_reads_completely_with_its_alias() -> None:
    model = read_ct2_model(resolve_model(None)[0])

    assert (model.spec, model.revision, model.binary_version) == ("WhisperSpec", 3, 6)
    assert model.variables["encoder/conv1/weight"].shape == (384, 80, 3)
    assert model.variables["decoder/embeddings/weight"].shape == (51864, 384)
    assert model.aliases == {"decoder/projection/weight": "decoder/embeddings/weight"}
    assert model.variables["decoder/projection/weight"] is model.variables["decoder/embeddings/weight"]
    assert int(model.variables["encoder/num_heads"]) == 6


def test_int8_weights_are_dequantized_with_their_row_scales(tmp_path: Path) -> None:
    weight = np.random.default_rng(0).standard_normal((8, 5)).astype(np.float32)

    model = read_ct2_model(_write_with_ctranslate2(tmp_path / "model.bin", weight, "int8"))

    assert model.spec == "TwoLayerSpec" and model.revision == 7
    assert model.variables["first/weight"].dtype == np.int8
    step = np.abs(weight).max(axis=1, keepdims=True) / 127  # one int8 step, per row
    assert np.all(np.abs(model.float_weight("first/weight") - weight) <= step / 2 + 1e-6)
    # CTranslate2 stores the second, identical layer as an alias: it shares the first one's scale.
    assert model.aliases["second/weight"] == "first/weight"
    np.testing.assert_array_equal(model.float_weight("second/weight"), model.float_weight("first/weight"))


def test_float_weights_read_back_exactly(tmp_path: Path) -> None:
    weight = np.random.default_rng(1).standard_normal((4, 3)).astype(np.float32)

    model = read_ct2_model(_write_with_ctranslate2(tmp_path / "model.bin", weight, "float16"))

    assert model.variables["first/weight"].dtype == np.float16
    np.testing.assert_array_equal(model.float_weight("first/weight"), weight.astype(np.float16))
    np.testing.assert_array_equal(model.variables["first/bias"], np.arange(4, dtype=np.float16))


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"not a model at all")

    with pytest.raises(ModelFormatError, match="binary version 6"):
        read_ct2_model(bogus)


def test_a_truncated_model_is_refused(tmp_path: Path) -> None:
    whole = _write_with_ctranslate2(tmp_path / "whole.bin", np.ones((4, 4), dtype=np.float32), None)
    cut = tmp_path / "cut.bin"
    cut.write_bytes(whole.read_bytes()[:60])

    with pytest.raises(ModelFormatError, match="ends early"):
        read_ct2_model(cut)


def test_trailing_bytes_are_refused(tmp_path: Path) -> None:
    path = _write_with_ctranslate2(tmp_path / "model.bin", np.ones((2, 2), dtype=np.float32), None)
    path.write_bytes(path.read_bytes() + struct.pack("<I", 0))

    with pytest.raises(ModelFormatError, match="unexpected bytes"):
        read_ct2_model(path)
