"""CTranslate2 Whisper model -> openai-whisper checkpoint, and both engines on the same weights."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from ctranslate2.specs import model_spec, whisper_spec

from tests.transcribe.conftest import require_openai_whisper
from transcribe import transcribe_file
from transcribe.convert import ConversionError, convert_state_dict, main
from transcribe.ct2_model import CT2Model, read_ct2_model
from transcribe.engines import resolve_model
from transcribe.metrics import word_errors
from transcribe.quality import normalise

TINY_EN_DIMS = {
    "n_mels": 80,
    "n_audio_ctx": 1500,
    "n_audio_state": 384,
    "n_audio_head": 6,
    "n_audio_layer": 4,
    "n_vocab": 51864,
    "n_text_ctx": 448,
    "n_text_state": 384,
    "n_text_head": 6,
    "n_text_layer": 4,
}


@pytest.fixture(scope="module")
def tiny_en() -> CT2Model:
    return read_ct2_model(resolve_model(None)[0])


def _int8_copy(model: CT2Model, folder: Path) -> Path:
    """The same Whisper model quantized to int8 by CTranslate2's own spec code, as a model directory."""
    spec = whisper_spec.WhisperSpec(4, 6, 4, 6)
    for name, value in model.variables.items():
        scope, attr = name.rsplit("/", 1)
        array = value.astype(np.float32) if value.dtype == np.float16 else value.copy()
        setattr(model_spec.index_spec(spec, scope), attr, array)
    source = resolve_model(None)[0]
    spec.register_vocabulary((source / "vocabulary.txt").read_text(encoding="utf-8").splitlines())
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir()
    spec._serialize(str(folder / "model.bin"))
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(source / name, folder / name)
    return folder


def test_tiny_en_maps_to_openai_whisper_dims_and_names(tiny_en: CT2Model) -> None:
    dims, state = convert_state_dict(tiny_en)

    assert dims == TINY_EN_DIMS
    assert state["encoder.conv1.weight"].shape == (384, 80, 3)
    assert state["decoder.token_embedding.weight"].shape == (51864, 384)
    # CTranslate2 fuses query, key and value; openai-whisper keeps them apart and its key has no bias.
    assert state["encoder.blocks.0.attn.query.weight"].shape == (384, 384)
    assert "encoder.blocks.0.attn.key.bias" not in state
    np.testing.assert_array_equal(
        state["decoder.blocks.3.cross_attn.value.weight"],
        tiny_en.variables["decoder/layer_3/attention/linear_1/weight"][384:],
    )
    np.testing.assert_array_equal(state["decoder.ln.weight"], tiny_en.variables["decoder/layer_norm/gamma"])


def test_names_and_shapes_are_exactly_what_openai_whisper_declares(tiny_en: CT2Model) -> None:
    require_openai_whisper()
    from whisper.model import ModelDimensions, Whisper

    dims, state = convert_state_dict(tiny_en)
    expected = Whisper(ModelDimensions(**dims)).state_dict()

    assert sorted(state) == sorted(expected)
    assert all(tuple(expected[name].shape) == state[name].shape for name in state)


def test_an_int8_model_is_dequantized_to_nearly_the_same_weights(tiny_en: CT2Model, tmp_path: Path) -> None:
    quantized = read_ct2_model(_int8_copy(tiny_en, tmp_path / "tiny.en-int8"))
    assert quantized.variables["encoder/layer_0/ffn/linear_0/weight"].dtype == np.int8

    _, from_float = convert_state_dict(tiny_en)
    dims, from_int8 = convert_state_dict(quantized)

    assert dims == TINY_EN_DIMS and sorted(from_int8) == sorted(from_float)
    for name in ("encoder.blocks.1.mlp.0.weight", "decoder.blocks.2.attn.key.weight", "encoder.conv2.weight"):
        exact = from_float[name].astype(np.float32)
        step = np.abs(exact).reshape(len(exact), -1).max(axis=1) / 127  # one int8 step per output row
        error = np.abs(from_int8[name] - exact).reshape(len(exact), -1).max(axis=1)
        assert np.all(error <= step / 2 + 1e-3), name


def test_a_model_that_is_not_whisper_is_refused() -> None:
    with pytest.raises(ConversionError, match="not a Whisper model"):
        convert_state_dict(CT2Model(spec="TransformerSpec", revision=1, binary_version=6))


def test_convert_command_refuses_a_folder_without_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), str(tmp_path / "out.pt")]) == 1
    assert "has no model.bin" in capsys.readouterr().err
    assert not (tmp_path / "out.pt").exists()


def test_convert_command_writes_a_checkpoint_whisper_load_model_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_openai_whisper()
    import whisper

    out = tmp_path / "tiny.en.pt"
    assert main([str(resolve_model(None)[0]), str(out)]) == 0
    assert "4+4 layers, 51864 tokens" in capsys.readouterr().out

    model = whisper.load_model(str(out), device="cpu")  # a path, never a name: nothing is downloaded

    assert not model.is_multilingual and model.dims.n_audio_state == 384
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.corpus
@pytest.mark.slow  # openai-whisper's first transcription in a process warms PyTorch up: about 20 s here
def test_both_engines_give_the_same_words_on_jfk_from_the_same_weights(
    audio_copy: Callable[[str], Path], openai_checkpoint: Path
) -> None:
    jfk = audio_copy("jfk_inaugural_excerpt.flac")

    default = transcribe_file(jfk)
    reference = transcribe_file(jfk, engine="openai-whisper", model=str(openai_checkpoint))

    assert (reference.engine, reference.model, reference.language) == ("openai-whisper", "tiny.en", "en")
    # Same network, same greedy decoding, but not the same arithmetic: the default engine runs int8 on the
    # speech Silero VAD finds, openai-whisper float32 on the whole padded 30-second window. On this machine
    # the normalised words are identical; one word of slack allows for a near-tie between two tokens that
    # int8 rounding (whose kernels differ between CPUs) can tip the other way.
    assert word_errors(reference.text, default.text) <= 1, (normalise(reference.text), normalise(default.text))
