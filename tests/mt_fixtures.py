"""Build valid Argos Translate packages (.argosmodel) in-process, with no downloads.

A SentencePiece model is trained on text written here (or, for ``tokenizer="bpe"``, BPE merge codes
are learnt with subword-nmt on the Moses-tokenised text, as OPUS-MT / LibreTranslate-converted
packages carry them in ``bpe.model``, and the BPE vocabulary is registered in the model); a
Transformer with random numpy weights is written through a ``ctranslate2`` converter and quantized
to int8; ``metadata.json`` is added and everything is zipped under one top folder, exactly like the
gibberish: what such a package proves is that the real load -> split -> tokenize -> translate ->
detokenize path runs. A bias on the ``</s>`` logit makes decoding stop after a few tokens.

Used by tests/test_mt.py (tiny model, well under a second) and bench/bench_mt.py (real size).
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

# Short English and Spanish field sentences, combined below into a few hundred training lines.
_SUBJECTS = [
    "I am",
    "We are",
    "The officer is",
    "My partner is",
    "The ambulance is",
    "Your family is",
    "Estoy",
    "Estamos",
    "El oficial está",
    "La ambulancia está",
]
_PLACES = [
    "here to help you",
    "on the way",
    "outside the house",
    "near the car",
    "at the hospital",
    "aquí para ayudarle",
    "en camino",
    "afuera de la casa",
    "cerca del carro",
    "en el hospital",
]
_QUESTIONS = [
    "Are you hurt?",
    "Do you need a doctor?",
    "What is your name?",
    "Where do you live?",
    "Is anyone else inside?",
    "Please sit down.",
    "Show me your hands.",
    "Do you understand me?",
    "¿Está herido?",
    "¿Necesita un médico?",
    "¿Cómo se llama?",
    "¿Dónde vive?",
    "¿Hay alguien más adentro?",
    "Por favor, siéntese.",
    "Muéstreme las manos.",
    "¿Me entiende?",
    "An interpreter will call you in a few minutes.",
    "Un intérprete le llamará en unos minutos.",
    "Wait here, please. Help is coming.",
    "Espere aquí, por favor. La ayuda viene.",
]


def training_lines() -> list[str]:
    lines = [f"{s} {p}." for s in _SUBJECTS for p in _PLACES]
    lines += [f"{q} {r}" for q in _QUESTIONS for r in _QUESTIONS[::3]]
    return lines


def train_sentencepiece(vocab_size: int = 400) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_lines()),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _moses_lines(lang: str = "en") -> list[str]:
    """The training text as argostranslate's BPETokenizer sees it: punctuation-normalised, Moses-tokenised."""
    from sacremoses.normalize import MosesPunctNormalizer
    from sacremoses.tokenize import MosesTokenizer

    normalizer, tokenizer = MosesPunctNormalizer(lang), MosesTokenizer(lang)
    return [" ".join(tokenizer.tokenize(normalizer.normalize(line))) for line in training_lines()]


def learn_bpe_codes(merges: int = 300, *, lang: str = "en") -> bytes:
    """subword-nmt BPE codes ("#version: 0.2" then one merge per line) learnt on the training text."""
    import contextlib

    from subword_nmt.learn_bpe import learn_bpe

    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):  # its progress bar
        learn_bpe(io.StringIO("\n".join(_moses_lines(lang)) + "\n"), out, merges, min_frequency=2)
    return out.getvalue().encode("utf-8")


def bpe_vocabulary(codes: bytes, *, lang: str = "en") -> list[str]:
    """Specials, every BPE token of the training text, and every character alone and as a prefix."""
    from subword_nmt.apply_bpe import BPE

    bpe = BPE(io.StringIO(codes.decode("utf-8")))
    tokens: set[str] = set()
    for line in _moses_lines(lang):
        tokens.update(bpe.segment_tokens(line.split(" ")))
        for char in set(line.replace(" ", "")):
            tokens.update((char, char + "@@"))
    return ["<blank>", "<unk>", "<s>", "</s>", *sorted(tokens)]


def _sinusoids(length: int, depth: int) -> Any:
    import numpy as np

    half = depth // 2
    scale = np.exp(-np.log(10000.0) * np.arange(half) / max(1, half - 1))
    angles = np.arange(length)[:, None] * scale[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)


def _random_spec(
    pieces: list[str],
    *,
    layers: tuple[int, int],
    d_model: int,
    ffn: int,
    heads: int,
    seed: int,
    stop_after: float,
    max_positions: int = 1024,
) -> Any:
    """A Transformer spec (OpenNMT-py layout) with random weights that stops after about ``stop_after`` tokens.

    Stopping: decoder position encodings carry a ramp in dimension 0 (and nothing else), and the
    ``</s>`` row of the output projection reads only that dimension, so ``</s>`` becomes likely
    as the output grows. Everything else is random, so the tokens depend on the input.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    vocab = len(pieces)

    def w(rows: int, cols: int, scale: float = 1.0) -> Any:
        return (rng.standard_normal((rows, cols)) * (scale / np.sqrt(cols))).astype(np.float32)

    def b(n: int) -> Any:
        return (rng.standard_normal(n) * 0.02).astype(np.float32)

    def norm(spec: Any) -> None:
        spec.gamma = np.ones(d_model, dtype=np.float32)
        spec.beta = np.zeros(d_model, dtype=np.float32)

    def linear(spec: Any, rows: int, cols: int, scale: float = 1.0) -> None:
        spec.weight = w(rows, cols, scale)
        spec.bias = b(rows)

    def ffn_block(spec: Any) -> None:
        norm(spec.layer_norm)
        linear(spec.linear_0, ffn, d_model)
        linear(spec.linear_1, d_model, ffn, 0.5)

    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    spec.encoder.embeddings[0].weight = w(vocab, d_model, np.sqrt(d_model) / 4)
    spec.encoder.position_encodings.encodings = _sinusoids(max_positions, d_model)
    spec.encoder.scale_embeddings = False
    norm(spec.encoder.layer_norm)
    decoder_embeddings = w(vocab, d_model, np.sqrt(d_model) / 4)
    decoder_embeddings[:, 0] = 0.0
    spec.decoder.embeddings.weight = decoder_embeddings
    ramp = np.zeros((max_positions, d_model), dtype=np.float32)
    ramp[:, 0] = np.arange(max_positions, dtype=np.float32) * (4.0 / stop_after)
    spec.decoder.position_encodings.encodings = ramp
    spec.decoder.scale_embeddings = False
    norm(spec.decoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)  # fused Q, K, V
        linear(layer.self_attention.linear[1], d_model, d_model)
        ffn_block(layer.ffn)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model, 0.5)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model, 4.0)  # query: sharp attention over the source
        linear(layer.attention.linear[1], 2 * d_model, d_model)  # fused K, V over the encoder output
        linear(layer.attention.linear[2], d_model, d_model, 2.0)
        ffn_block(layer.ffn)
        for sub in (layer.self_attention.linear[1], layer.attention.linear[2], layer.ffn.linear_1):
            sub.weight[0, :] = 0.0  # keep the position ramp in dimension 0 clean
            sub.bias[0] = 0.0
    projection = spec.decoder.projection
    weight = w(vocab, d_model, 3.0)
    weight[:, 0] = 0.0
    bias = np.zeros(vocab, dtype=np.float32)
    eos = pieces.index("</s>")
    weight[eos, :] = 0.0
    weight[eos, 0] = 6.0
    bias[eos] = -6.0
    for i, piece in enumerate(pieces):
        if piece.startswith("<extra_") or piece in ("<unk>", "<s>", "<blank>"):
            bias[i] = -1e4  # padding pieces (real-size vocabulary) and specials are never emitted
    projection.weight = weight
    projection.bias = bias
    spec.config.decoder_start_token = "<s>"
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    return spec


def build_package_dir(
    dest: Path,
    *,
    from_code: str = "en",
    to_code: str = "es",
    layers: tuple[int, int] = (2, 2),
    d_model: int = 64,
    ffn: int = 128,
    heads: int = 4,
    vocab_size: int | None = None,
    seed: int = 7,
    stop_after: float = 8.0,
    version: str = "1.0",
    sp_model: bytes | None = None,
    tokenizer: str = "sentencepiece",
    bpe_merges: int = 300,
) -> Path:
    """Write an unzipped package folder ``dest`` (metadata.json, sentencepiece.model or bpe.model, model/)."""
    import ctranslate2

    if tokenizer == "bpe":
        tokenizer_file, tokenizer_bytes = "bpe.model", learn_bpe_codes(bpe_merges, lang=from_code)
        pieces = bpe_vocabulary(tokenizer_bytes, lang=from_code)
    else:
        import sentencepiece as spm

        tokenizer_file = "sentencepiece.model"
        tokenizer_bytes = sp_model if sp_model is not None else train_sentencepiece()
        processor = spm.SentencePieceProcessor(model_proto=tokenizer_bytes)
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    while vocab_size is not None and len(pieces) < vocab_size:
        pieces.append(f"<extra_{len(pieces)}>")

    spec = _random_spec(pieces, layers=layers, d_model=d_model, ffn=ffn, heads=heads, seed=seed, stop_after=stop_after)

    class RandomWeights(ctranslate2.converters.Converter):  # type: ignore[misc]
        def _load(self) -> Any:
            return spec

    dest.mkdir(parents=True, exist_ok=True)
    RandomWeights().convert(str(dest / "model"), quantization="int8", force=True)
    (dest / tokenizer_file).write_bytes(tokenizer_bytes)
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        "languages": [from_code, to_code],
    }
    (dest / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return dest


def zip_folder(folder: Path, zip_path: Path, *, top: str | None = None) -> Path:
    """Zip ``folder`` under one top folder named ``top`` (default: the folder's name)."""
    top = top or folder.name
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            arcname = f"{top}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                zf.writestr(arcname + "/", b"")
            else:
                zf.write(path, arcname)
    return zip_path


def build_argosmodel(out_dir: Path, *, from_code: str = "en", to_code: str = "es", **options: Any) -> Path:
    """Build ``translate-<from>_<to>-<version>.argosmodel`` in ``out_dir`` and return its path."""
    name = f"translate-{from_code}_{to_code}-{str(options.get('version', '1.0')).replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_package_dir(Path(tmp) / name, from_code=from_code, to_code=to_code, **options)
        out_dir.mkdir(parents=True, exist_ok=True)
        zip_folder(folder, out_dir / f"{name}.argosmodel")
        shutil.rmtree(folder)
    return out_dir / f"{name}.argosmodel"
