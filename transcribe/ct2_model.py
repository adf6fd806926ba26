"""Reading a CTranslate2 model file (``model.bin``) into numpy arrays, with no CTranslate2 call.

The layout is the one ``ctranslate2/specs/model_spec.py`` (``ModelSpec._serialize``) writes, binary
version 6 (CTranslate2 3.x and 4.x), all integers little-endian:

    u32 binary version | string spec name | u32 spec revision | u32 variable count
    per variable: string name | u8 rank | u32 x rank shape | u8 dtype id | u32 byte count | raw bytes
    u32 alias count | per alias: string alias | string target name

where ``string`` is a u16 length (counting a trailing NUL), the UTF-8 bytes and the NUL. dtype ids
follow CTranslate2's ``DataType`` enum: float32, int8, int16, int32, float16, bfloat16.
Quantized weights come with a ``<name>_scale`` variable (one scale per output row): the float value
is ``quantized / scale``.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BINARY_VERSION = 6
_DTYPES: tuple[np.dtype | None, ...] = (
    np.dtype("<f4"),
    np.dtype("i1"),
    np.dtype("<i2"),
    np.dtype("<i4"),
    np.dtype("<f2"),
    None,  # bfloat16: numpy has no such type; converted by hand below
)
_BFLOAT16 = 5


class ModelFormatError(ValueError):
    """The file is not a CTranslate2 model this reader understands."""


@dataclass
class CT2Model:
    """Variables of a CTranslate2 model by name (aliases resolved), and the spec it was written from."""

    spec: str
    revision: int
    binary_version: int
    variables: dict[str, np.ndarray] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def float_weight(self, name: str) -> np.ndarray:
        """Variable ``name`` as floating point, dequantized with ``<name>_scale`` when it is stored as integers."""
        value = self.variables[name]
        if value.dtype.kind == "f":
            return value
        # An alias shares its target's values, so it shares the target's scale too.
        scale = self.variables.get(f"{self.aliases.get(name, name)}_scale")
        if scale is None:
            raise ModelFormatError(f"{name} is stored as {value.dtype} without a {name}_scale to dequantize it")
        scale = scale.astype(np.float32)
        # One scale per output row (the first axis); conv weights [out, in, width] share their row's scale.
        shape = (-1,) + (1,) * (value.ndim - 1)
        return (value.astype(np.float32) / scale.reshape(shape)).astype(np.float32)


def read_ct2_model(path: str | os.PathLike[str]) -> CT2Model:
    """Read ``model.bin`` (or a model directory holding it); raises ModelFormatError for anything else."""
    path = Path(path)
    if path.is_dir():
        path = path / "model.bin"
    data = memoryview(path.read_bytes())
    reader = _Reader(data, path.name)
    version = reader.u32()
    if version != BINARY_VERSION:
        raise ModelFormatError(
            f"{path} is not a CTranslate2 model file of binary version {BINARY_VERSION} (found {version}); "
            "convert the model again with CTranslate2 3.0 or later"
        )
    spec = reader.string()
    revision = reader.u32()
    model = CT2Model(spec=spec, revision=revision, binary_version=version)
    for _ in range(reader.u32()):
        name = reader.string()
        shape = tuple(reader.u32() for _ in range(reader.u8()))
        type_id = reader.u8()
        count = reader.u32()
        raw = reader.take(count)
        model.variables[name] = _array(raw, type_id, shape, name)
    for _ in range(reader.u32()):
        alias, target = reader.string(), reader.string()
        if target not in model.variables:
            raise ModelFormatError(f"alias {alias} points to unknown variable {target}")
        model.variables[alias] = model.variables[target]
        model.aliases[alias] = target
    if reader.offset != len(data):
        raise ModelFormatError(f"{path} has {len(data) - reader.offset} unexpected bytes after the last variable")
    return model


def _array(raw: memoryview, type_id: int, shape: tuple[int, ...], name: str) -> np.ndarray:
    if type_id >= len(_DTYPES):
        raise ModelFormatError(f"variable {name} has unknown dtype id {type_id}")
    if type_id == _BFLOAT16:
        # bfloat16 is the top half of a float32.
        halves = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
        array = halves.view(np.float32)
    else:
        dtype = _DTYPES[type_id]
        assert dtype is not None
        array = np.frombuffer(raw, dtype=dtype)
    expected = int(np.prod(shape)) if shape else 1
    if array.size != expected:
        raise ModelFormatError(f"variable {name}: {array.size} values for shape {shape}")
    return array.reshape(shape) if shape else array.reshape(())


class _Reader:
    def __init__(self, data: memoryview, name: str) -> None:
        self.data = data
        self.name = name
        self.offset = 0

    def take(self, count: int) -> memoryview:
        end = self.offset + count
        if end > len(self.data):
            raise ModelFormatError(f"{self.name} ends early (wanted {count} bytes at offset {self.offset})")
        chunk = self.data[self.offset : end]
        self.offset = end
        return chunk

    def u8(self) -> int:
        return int(self.take(1)[0])

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def string(self) -> str:
        (length,) = struct.unpack("<H", self.take(2))
        raw = bytes(self.take(length))
        if not raw.endswith(b"\0"):
            raise ModelFormatError(f"{self.name}: a name at offset {self.offset - length} is not NUL-terminated")
        return raw[:-1].decode("utf-8")
