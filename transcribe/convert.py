"""Write an openai-whisper checkpoint from a CTranslate2 Whisper model directory: the same network, renamed.

    python -m transcribe.convert CT2_MODEL_DIR OUT.pt

The checkpoint holds ``dims`` and ``model_state_dict`` as ``whisper.load_model(path)`` expects, plus
``alignment_heads`` (the cross-attention heads used for word times, from the model's config.json),
which Boardwatch's openai-whisper engine applies and plain ``load_model`` ignores. Mel filters and the
tokenizer are not part of a checkpoint: openai-whisper takes them from its own package assets.

Only openai-whisper's dependency, PyTorch, is needed, and only to write the file; nothing is downloaded.
Int8-quantized weights are dequantized (weight / scale); float16 weights are kept as float16, as in
OpenAI's own checkpoints.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from transcribe.ct2_model import CT2Model, ModelFormatError, read_ct2_model

# CTranslate2 name (after the layer prefix) -> openai-whisper name, for the layers that map one to one.
_LAYER_NORM = {"gamma": "weight", "beta": "bias"}


class ConversionError(ValueError):
    """The directory is not a CTranslate2 Whisper model that can be converted."""


def convert_state_dict(model: CT2Model) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """openai-whisper ``dims`` and ``model_state_dict`` (as numpy arrays) for a CTranslate2 Whisper model."""
    if model.spec != "WhisperSpec":
        raise ConversionError(f"this is a CTranslate2 {model.spec or 'unnamed'} model, not a Whisper model")
    v = model.variables
    encoder_layers = _count_layers(v, "encoder")
    decoder_layers = _count_layers(v, "decoder")
    embeddings = model.float_weight("decoder/embeddings/weight")
    conv1 = model.float_weight("encoder/conv1/weight")
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(conv1.shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": encoder_layers,
        "n_vocab": int(embeddings.shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(embeddings.shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": decoder_layers,
    }
    state: dict[str, np.ndarray] = {}

    def put(name: str, ct2_name: str) -> None:
        state[name] = model.float_weight(ct2_name)

    for conv in ("conv1", "conv2"):
        put(f"encoder.{conv}.weight", f"encoder/{conv}/weight")
        put(f"encoder.{conv}.bias", f"encoder/{conv}/bias")
    put("encoder.positional_embedding", "encoder/position_encodings/encodings")
    for i in range(encoder_layers):
        ours, theirs = f"encoder.blocks.{i}", f"encoder/layer_{i}"
        _attention(model, state, f"{ours}.attn", f"{theirs}/self_attention", fused_qkv=True)
        _layer_norm(model, state, f"{ours}.attn_ln", f"{theirs}/self_attention/layer_norm")
        _mlp(model, state, ours, f"{theirs}/ffn")
    _layer_norm(model, state, "encoder.ln_post", "encoder/layer_norm")

    state["decoder.token_embedding.weight"] = embeddings
    put("decoder.positional_embedding", "decoder/position_encodings/encodings")
    for i in range(decoder_layers):
        ours, theirs = f"decoder.blocks.{i}", f"decoder/layer_{i}"
        _attention(model, state, f"{ours}.attn", f"{theirs}/self_attention", fused_qkv=True)
        _layer_norm(model, state, f"{ours}.attn_ln", f"{theirs}/self_attention/layer_norm")
        _attention(model, state, f"{ours}.cross_attn", f"{theirs}/attention", fused_qkv=False)
        _layer_norm(model, state, f"{ours}.cross_attn_ln", f"{theirs}/attention/layer_norm")
        _mlp(model, state, ours, f"{theirs}/ffn")
    _layer_norm(model, state, "decoder.ln", "decoder/layer_norm")
    _check_projection(model, embeddings)
    return dims, state


def convert(model_dir: str | os.PathLike[str], out: str | os.PathLike[str]) -> dict[str, int]:
    """Convert ``model_dir`` (a CTranslate2 Whisper model) to an openai-whisper checkpoint at ``out``; returns dims."""
    model_dir = Path(model_dir)
    if not (model_dir / "model.bin").is_file():
        raise ConversionError(f"{model_dir} has no model.bin; pass a CTranslate2 Whisper model directory")
    import torch  # openai-whisper's own dependency; only needed to write the file (after the input is checked)

    try:
        model = read_ct2_model(model_dir)
    except ModelFormatError as exc:
        raise ConversionError(f"{model_dir / 'model.bin'} could not be read: {exc}") from exc
    dims, state = convert_state_dict(model)
    checkpoint: dict[str, Any] = {
        "dims": dims,
        "model_state_dict": {name: torch.from_numpy(np.array(a)) for name, a in state.items()},  # copies: writable
    }
    heads = _alignment_heads(model_dir)
    if heads:
        checkpoint["alignment_heads"] = heads
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    torch.save(checkpoint, partial)
    partial.replace(out)  # never leave a half-written checkpoint under the final name
    return dims


def _attention(model: CT2Model, state: dict[str, np.ndarray], ours: str, theirs: str, *, fused_qkv: bool) -> None:
    """Split CTranslate2's fused projections back into query/key/value (openai-whisper's key has no bias)."""
    if fused_qkv:
        weight = model.float_weight(f"{theirs}/linear_0/weight")
        bias = model.variables[f"{theirs}/linear_0/bias"]
        q_w, k_w, v_w = np.split(weight, 3)
        q_b, k_b, v_b = np.split(bias, 3)
        out = f"{theirs}/linear_1"
    else:
        q_w, q_b = model.float_weight(f"{theirs}/linear_0/weight"), model.variables[f"{theirs}/linear_0/bias"]
        k_w, v_w = np.split(model.float_weight(f"{theirs}/linear_1/weight"), 2)
        k_b, v_b = np.split(model.variables[f"{theirs}/linear_1/bias"], 2)
        out = f"{theirs}/linear_2"
    if np.any(k_b):
        raise ConversionError(f"{theirs} has a non-zero key bias, which openai-whisper's attention cannot hold")
    state[f"{ours}.query.weight"], state[f"{ours}.query.bias"] = q_w, q_b
    state[f"{ours}.key.weight"] = k_w
    state[f"{ours}.value.weight"], state[f"{ours}.value.bias"] = v_w, v_b
    state[f"{ours}.out.weight"] = model.float_weight(f"{out}/weight")
    state[f"{ours}.out.bias"] = model.variables[f"{out}/bias"]


def _mlp(model: CT2Model, state: dict[str, np.ndarray], ours: str, theirs: str) -> None:
    _layer_norm(model, state, f"{ours}.mlp_ln", f"{theirs}/layer_norm")
    for ct2_index, torch_index in ((0, 0), (1, 2)):  # nn.Sequential(Linear, GELU, Linear)
        state[f"{ours}.mlp.{torch_index}.weight"] = model.float_weight(f"{theirs}/linear_{ct2_index}/weight")
        state[f"{ours}.mlp.{torch_index}.bias"] = model.variables[f"{theirs}/linear_{ct2_index}/bias"]


def _layer_norm(model: CT2Model, state: dict[str, np.ndarray], ours: str, theirs: str) -> None:
    for ct2_name, torch_name in _LAYER_NORM.items():
        state[f"{ours}.{torch_name}"] = model.variables[f"{theirs}/{ct2_name}"]


def _count_layers(variables: dict[str, np.ndarray], stack: str) -> int:
    pattern = re.compile(rf"^{stack}/layer_(\d+)/")
    found = {int(m.group(1)) for name in variables if (m := pattern.match(name))}
    if not found or found != set(range(len(found))):
        raise ConversionError(f"the {stack} layers are missing or not numbered 0..n-1")
    return len(found)


def _check_projection(model: CT2Model, embeddings: np.ndarray) -> None:
    """openai-whisper ties the output projection to the token embeddings; a model where they differ cannot convert."""
    projection = model.variables.get("decoder/projection/weight")
    if projection is not None and projection is not model.variables["decoder/embeddings/weight"]:
        if not np.array_equal(model.float_weight("decoder/projection/weight"), embeddings):
            raise ConversionError("the output projection differs from the token embeddings (openai-whisper ties them)")
    if np.any(model.variables.get("decoder/projection/bias", 0)):
        raise ConversionError("the output projection has a bias, which openai-whisper's decoder cannot hold")


def _alignment_heads(model_dir: Path) -> list[list[int]]:
    config = model_dir / "config.json"
    if not config.is_file():
        return []
    heads = json.loads(config.read_text(encoding="utf-8")).get("alignment_heads") or []
    return [[int(layer), int(head)] for layer, head in heads]


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m transcribe.convert",
        description="Write an openai-whisper checkpoint (for --engine openai-whisper) from a CTranslate2 model.",
    )
    parser.add_argument("model_dir", metavar="CT2_MODEL_DIR", help="CTranslate2 Whisper model directory (model.bin)")
    parser.add_argument("out", metavar="OUT.pt", help="checkpoint file to write")
    args = parser.parse_args(argv)
    try:
        dims = convert(args.model_dir, args.out)
    except ImportError:
        print("error: writing a checkpoint needs PyTorch: pip install torch==2.13.0", file=sys.stderr)
        return 1
    except (ConversionError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    layers = f"{dims['n_audio_layer']}+{dims['n_text_layer']} layers"
    print(f"wrote {args.out}: Whisper {dims['n_audio_state']}-wide, {layers}, {dims['n_vocab']} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
