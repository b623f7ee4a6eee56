"""Argos Translate packages: find the installed ones, and install new ones safely.

An ``.argosmodel`` file is a zip holding one top folder with ``metadata.json``, a tokenizer
(``sentencepiece.model`` or ``bpe.model``) and ``model/`` (a CTranslate2 model); a sentence
splitter folder (``stanza/``, ``minisbd/``, ``spacy/``) may be there too and is kept but not used:
lepcli splits sentences itself, offline. Installing one here means: validate every member name
and size before extracting anything, extract into a temporary folder inside the models folder,
check the layout, that the tokenizer and CTranslate2 load it and that it translates a test
sentence, then rename it into place under a lock. Any error removes the temporary folder, so a
hostile or corrupt file leaves nothing behind and never touches an installed package.

Crash safety: temporary folders carry the installing process's id, and every ``lep models``
command first (under the lock) deletes those of processes that are gone and puts back a model
that a killed ``install --force`` had moved aside (``.old-<pid>-*/<folder>``) but not replaced.

Discovery of installed packages lives in lepcli.mt.installed (cheap, used at every ``lep lang``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lepcli import jsonable, paths
from lepcli.errors import BadInput, LepError, ModelError, NotFound, OutputExists, Unavailable
from lepcli.mt import tokenizers
from lepcli.mt.installed import (
    MAX_METADATA_BYTES,
    BrokenPackage,
    ModelPackage,
    check_metadata,
    inspect_folder,
    is_code,
    lep_code,
    package_folders,
    parse_metadata,
    read_metadata,
    scan,
)

SUFFIX = ".argosmodel"

# Published Argos packages are 40-250 MB zipped and unpack to about 1.1-1.5 times that (model.bin
# is int8 weights, which hardly compress). These limits leave room and stop zip bombs:
MAX_ARCHIVE_BYTES = 1 << 30  # 1 GiB on disk
MAX_UNPACKED_BYTES = 1 << 30  # 1 GiB once extracted (all members together)
MAX_TOTAL_RATIO = 8  # unpacked size at most 8x the archive's size ...
RATIO_ALLOWANCE = 16 << 20  # ... plus 16 MiB (small packages, text files that compress well)
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # uncompressed/compressed for any one member over 64 KiB
_RATIO_FLOOR = 64 << 10
_CHUNK = 1 << 20

_SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_VOCABULARIES = (
    ("shared_vocabulary.json",),
    ("shared_vocabulary.txt",),
    ("source_vocabulary.json", "target_vocabulary.json"),
    ("source_vocabulary.txt", "target_vocabulary.txt"),
)


# -- archive validation ------------------------------------------------------------------------


@dataclass
class ArchivePlan:
    """A validated archive: what will be extracted, and what it claims to be."""

    archive: Path
    top: str
    members: list[zipfile.ZipInfo]
    metadata: dict[str, Any]
    unpacked_bytes: int

    @property
    def pair(self) -> str:
        return f"{lep_code(self.metadata['from_code'])}->{lep_code(self.metadata['to_code'])}"

    @property
    def folder_name(self) -> str:
        return f"translate-{self.metadata['from_code']}_{self.metadata['to_code']}"


def _unsafe_name(name: str) -> str | None:
    """Why a member name is unsafe, or None."""
    if not name or "\x00" in name or any(ord(c) < 32 for c in name):
        return "control characters in a file name"
    if "\\" in name:
        return "backslash in a file name"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute path"
    parts = name.rstrip("/").split("/")
    if any(part in ("..", ".") for part in parts):
        return "'..' or '.' in a path"
    if any(part == "" for part in parts):
        return "empty path component"
    return None


def _member_type_ok(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    if info.create_system != 3 or mode == 0:  # not written on Unix: no file type recorded
        return True
    kind = stat.S_IFMT(mode)
    return kind in (0, stat.S_IFREG, stat.S_IFDIR)


def inspect_archive(archive: Path) -> ArchivePlan:
    """Validate an archive without extracting anything; raise ModelError saying what is wrong."""
    name = archive.name
    try:
        size = archive.stat().st_size
    except OSError as exc:
        raise NotFound(f"{archive}: cannot read ({exc.strerror or type(exc).__name__})") from None
    if size > MAX_ARCHIVE_BYTES:
        raise ModelError(f"{name}: {size:,} bytes is larger than the {MAX_ARCHIVE_BYTES:,}-byte limit")
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ModelError(f"{name}: not a zip archive (an .argosmodel file is a zip)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ModelError(f"{name}: {len(infos):,} entries is more than the {MAX_MEMBERS:,} allowed")
        seen: set[str] = set()
        tops: set[str] = set()
        total = 0
        # Members of exactly 1 MiB once passed a per-member check; the whole-archive limit stops that.
        allowed = min(MAX_UNPACKED_BYTES, MAX_TOTAL_RATIO * size + RATIO_ALLOWANCE)
        for info in infos:
            why = _unsafe_name(info.filename)
            if why:
                raise ModelError(f"{name}: unsafe entry ({why}): {info.filename[:120]!r}")
            if not _member_type_ok(info):
                raise ModelError(f"{name}: {info.filename!r} is a link or special file; packages hold plain files")
            if info.flag_bits & 0x1:
                raise ModelError(f"{name}: {info.filename!r} is encrypted")
            if info.compress_type not in _SUPPORTED_COMPRESSION:
                raise ModelError(f"{name}: {info.filename!r} uses an unsupported compression method")
            key = info.filename.rstrip("/").casefold()
            if key in seen:
                raise ModelError(f"{name}: {info.filename!r} appears twice")
            seen.add(key)
            parts = info.filename.rstrip("/").split("/")
            tops.add(parts[0])
            if len(parts) == 1 and not info.is_dir():
                raise ModelError(f"{name}: stray file {info.filename!r} outside the package folder")
            total += info.file_size
            if total > allowed:
                raise ModelError(
                    f"{name}: unpacks to more than {allowed:,} bytes"
                    f" (limit: {MAX_TOTAL_RATIO}x the file size + {RATIO_ALLOWANCE >> 20} MiB,"
                    f" at most {MAX_UNPACKED_BYTES:,}; a zip bomb?)"
                )
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
                ratio = info.file_size // max(1, info.compress_size)
                raise ModelError(f"{name}: {info.filename!r} compresses {ratio:,}:1 (a zip bomb?)")
        if len(tops) != 1:
            shown = ", ".join(sorted(tops)[:5]) or "nothing"
            raise ModelError(f"{name}: expected exactly one top folder, found {len(tops)} ({shown})")
        top = tops.pop()
        files = {i.filename for i in infos if not i.is_dir()}
        _check_layout({f[len(top) + 1 :] for f in files if f.startswith(top + "/")}, where=name)
        meta_info = zf.getinfo(f"{top}/metadata.json")
        if meta_info.file_size > MAX_METADATA_BYTES:
            raise ModelError(f"{name}: metadata.json is larger than {MAX_METADATA_BYTES:,} bytes")
        try:
            data = parse_metadata(zf.read(meta_info))
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            UnicodeDecodeError,
            ValueError,
            NotImplementedError,
            RecursionError,
        ):
            raise ModelError(f"{name}: metadata.json is corrupt or not valid JSON") from None
        meta = check_metadata(data, where=f"{name}: metadata.json")
    return ArchivePlan(archive=archive, top=top, members=infos, metadata=meta, unpacked_bytes=total)


def _not_ctranslate2(files: set[str]) -> str | None:
    """What a package that is not a CTranslate2 model looks like, in words, or None."""
    if any(f.startswith("model/") and f.endswith((".pt", ".pth")) for f in files):
        return "model/ holds a PyTorch checkpoint, not a CTranslate2 model (convert it with ct2-opennmt-py-converter)"
    if any(f.startswith("model/") and f.endswith((".npz", ".safetensors")) for f in files):
        return (
            "model/ holds Marian/Hugging Face weights, not a CTranslate2 model (convert it with ct2-marian-converter)"
        )
    return None


def _check_layout(files: set[str], *, where: str) -> None:
    """The files a package must hold (names relative to its top folder)."""
    if "metadata.json" not in files:
        raise ModelError(f"{where}: no metadata.json in the package folder (not an Argos package?)")
    if tokenizers.SENTENCEPIECE_FILE not in files and tokenizers.BPE_FILE not in files:
        raise ModelError(
            f"{where}: no tokenizer in the package folder (sentencepiece.model or bpe.model);"
            " lepcli reads the two tokenizations argostranslate reads"
        )
    for needed in ("model/model.bin", "model/config.json"):
        if needed not in files:
            why = _not_ctranslate2(files)
            raise ModelError(f"{where}: {why}" if why else f"{where}: no {needed} (the CTranslate2 model)")
    if not any(all(f"model/{v}" in files for v in option) for option in _VOCABULARIES):
        raise ModelError(f"{where}: no vocabulary file in model/")


# -- extraction and install --------------------------------------------------------------------


def _extract(plan: ArchivePlan, dest: Path) -> None:
    """Extract the package folder's contents into ``dest`` (which must exist and be empty)."""
    written = 0
    dest_real = dest.resolve()
    try:
        with zipfile.ZipFile(plan.archive) as zf:
            for info in plan.members:
                rel = info.filename.rstrip("/")[len(plan.top) + 1 :]
                if not rel:
                    continue
                target = dest / PurePosixPath(rel)
                if not target.resolve().is_relative_to(dest_real):
                    raise ModelError(f"{plan.archive.name}: {info.filename!r} escapes the package folder")
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "xb") as out:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > MAX_UNPACKED_BYTES:
                            raise ModelError(f"{plan.archive.name}: unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
                        out.write(chunk)
                os.chmod(target, 0o644)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError) as exc:
        # zlib errors and CRC mismatches surface as BadZipFile or zlib.error (an Exception subclass)
        raise ModelError(f"{plan.archive.name}: corrupt archive member ({type(exc).__name__})") from None
    except ModelError:
        raise
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        raise ModelError(f"{plan.archive.name}: entries conflict (a file and a folder with the same name)") from None
    except OSError as exc:
        raise LepError(f"could not write the model to {dest.parent}: {exc.strerror or type(exc).__name__}") from None
    except Exception as exc:
        import zlib

        if isinstance(exc, zlib.error):
            raise ModelError(f"{plan.archive.name}: corrupt archive member (bad compressed data)") from None
        raise


SMOKE_SENTENCE = "Hello."


def check_loads(folder: Path, *, where: str) -> None:
    """Prove that the tokenizer and CTranslate2 load the package and that it translates one sentence.

    The test sentence catches what loads but cannot translate (e.g. an empty or 3-token
    vocabulary, review L10): better refused at install than failing at a scene.
    """
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    _check_layout(files, where=where)
    meta = read_metadata(folder)
    try:
        import ctranslate2
    except ImportError:
        raise Unavailable(
            "machine translation needs the 'mt' extra",
            hint="pip install 'lepcli[mt]' (ctranslate2, sentencepiece, sacremoses, subword-nmt)",
        ) from None
    tokenizer = tokenizers.load(folder, meta["from_code"], meta["to_code"], where=where)
    try:
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    except Exception:
        raise ModelError(f"{where}: model/ does not load in CTranslate2 (corrupt or unsupported)") from None
    try:
        tokens = tokenizer.encode(SMOKE_SENTENCE)
        prefix = meta.get("target_prefix") or ""
        results = translator.translate_batch(
            [tokens], target_prefix=[[prefix]] if prefix else None, beam_size=1, max_decoding_length=16
        )
        tokenizer.decode(list(results[0].hypotheses[0]))
    except Exception:
        raise ModelError(
            f"{where}: the model loads but cannot translate a test sentence (broken vocabulary?)"
        ) from None


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[None]:
    """An exclusive lock on the models folder, held while packages are renamed in or out."""
    handle = open(root / ".lock", "a+b")  # noqa: SIM115 - closed below
    try:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        yield
    finally:
        handle.close()  # releases the lock


# -- crash recovery ----------------------------------------------------------------------------

_TEMP_PREFIXES = (".install-", ".download-", ".old-", ".remove-")
STALE_SECONDS = 6 * 3600  # temp folders without a readable process id (older lepcli) go after this


def _temp_dir(root: Path, kind: str) -> Path:
    """A temporary folder named for this process, so the next run can tell when it is abandoned."""
    return Path(tempfile.mkdtemp(prefix=f".{kind}-{os.getpid()}-", dir=root))


def _owner_alive(name: str) -> bool | None:
    """Whether the process that made a temp folder still runs; None when that cannot be told."""
    parts = name.split("-")
    if len(parts) < 3 or not parts[1].isdigit() or os.name != "posix":
        return None  # on Windows os.kill(pid, 0) would terminate the process
    pid = int(parts[1])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, under another user
        return True
    return True


def _recover_locked(root: Path) -> list[str]:
    """Put back models a killed ``install --force`` moved aside; delete abandoned temp folders."""
    restored: list[str] = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return restored
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(_TEMP_PREFIXES):
            continue
        alive = _owner_alive(entry.name)
        if alive:
            continue
        if alive is None:
            with contextlib.suppress(OSError):
                if now - entry.lstat().st_mtime < STALE_SECONDS:
                    continue
        if entry.name.startswith(".old-") and entry.is_dir():
            for moved in list(entry.iterdir()):
                dest = root / moved.name
                if moved.name.startswith("translate-") and not dest.exists() and not dest.is_symlink():
                    with contextlib.suppress(OSError):
                        os.replace(moved, dest)
                        restored.append(moved.name)
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
    return restored


def recover() -> list[str]:
    """Run crash recovery on lepcli's models folder (each ``lep models`` command does, first)."""
    root = paths.models_dir()
    if not root.is_dir():
        return []
    try:
        with _lock(root):
            return _recover_locked(root)
    except OSError:  # read-only models folder: nothing to repair from here
        return []


# -- install -----------------------------------------------------------------------------------


@dataclass
class _Staged:
    plan: ArchivePlan
    staging: Path  # .install-<pid>-XXXX folder in the models folder
    folder: Path  # staging/<package folder name>, validated


def archives_in(path: Path) -> list[Path]:
    """The .argosmodel files named by PATH (a file, or a folder of them)."""
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.name.endswith(SUFFIX) and p.is_file())
        if not found:
            raise NotFound(f"no {SUFFIX} files in {path}")
        return found
    if not path.exists():
        raise NotFound(f"{path}: no such file", hint=f"give an {SUFFIX} file or a folder of them")
    if not path.is_file():
        raise BadInput(f"{path}: not a file")
    return [path]


@dataclass
class Skipped:
    archive: str
    pair: str
    version: str
    reason: str


@jsonable.shape(skip=("restored",))
@dataclass
class InstallReport:
    installed: list[ModelPackage]
    replaced: list[str]
    skipped: list[Skipped] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)  # put back by crash recovery before this install


Progress = Callable[[int, int], None]


def install(path: Path, *, force: bool = False, progress: Progress | None = None) -> InstallReport:
    """Install one .argosmodel file or every one in a folder.

    A folder (an agency share, a USB stick) installs every package in it, skipping those already
    installed at the same version and those a pin or the agency file holds at another version;
    any other problem with any package installs none of them. ``progress(done, total)`` counts
    packages. A single file that is already installed, or pinned elsewhere, is an error instead.
    """
    from lepcli.mt import pins

    given = Path(path).expanduser()
    archives = archives_in(given)
    many = given.is_dir()
    plans = [inspect_archive(a) for a in archives]
    pairs: dict[str, Path] = {}
    for plan in plans:
        if plan.pair in pairs:
            raise BadInput(f"{plan.archive.name} and {pairs[plan.pair].name} are both {plan.pair}; install one")
        pairs[plan.pair] = plan.archive
    root = paths.ensure_dir(paths.models_dir())
    restored = recover()
    wanted = pins.required()
    todo: list[ArchivePlan] = []
    skipped: list[Skipped] = []
    for plan in plans:
        version = plan.metadata.get("package_version", "") or ""
        pin = wanted.get(plan.pair)
        if pin is not None and pin.version != version:
            why = f"{pin.source} requires version {pin.version}"
            if not many:
                raise ModelError(
                    f"{plan.archive.name}: {plan.pair} version {version or '?'} is not installed: {why}",
                    hint=pin.how_to_change,
                )
            skipped.append(Skipped(plan.archive.name, plan.pair, version, why))
            continue
        existing = inspect_folder(root / plan.folder_name, "lepcli")
        if isinstance(existing, ModelPackage) and not force:
            if many and existing.version == version:
                skipped.append(Skipped(plan.archive.name, plan.pair, version, "already installed at this version"))
                continue
            _refuse(existing, plan)
        todo.append(plan)
    total = len(plans)
    done = len(skipped)
    if progress is not None:
        progress(done, total)
    staged: list[_Staged] = []
    try:
        for plan in todo:
            staging = _temp_dir(root, "install")
            item = _Staged(plan, staging, staging / plan.folder_name)
            staged.append(item)
            item.folder.mkdir()
            _extract(plan, item.folder)
            check_loads(item.folder, where=plan.archive.name)
            done += 1
            if progress is not None:
                progress(done, total)
        report = _commit(root, staged, force=force)
    finally:
        for item in staged:
            shutil.rmtree(item.staging, ignore_errors=True)
    report.skipped = skipped
    report.restored = restored
    return report


def _refuse(existing: ModelPackage, plan: ArchivePlan) -> None:
    version = plan.metadata.get("package_version", "") or "?"
    if existing.version == version:
        detail = f"version {version}"
    else:
        detail = f"version {existing.version or '?'}; this file is version {version}"
    raise OutputExists(
        f"a model for {plan.pair} is already installed ({detail}, {existing.path})",
        hint="add --force to replace it",
    )


def _commit(root: Path, staged: list[_Staged], *, force: bool) -> InstallReport:
    replaced: list[str] = []
    installed: list[ModelPackage] = []
    with _lock(root):
        _recover_locked(root)
        for item in staged:
            existing = inspect_folder(root / item.plan.folder_name, "lepcli")
            if isinstance(existing, ModelPackage) and not force:
                _refuse(existing, item.plan)
        for item in staged:
            dest = root / item.plan.folder_name
            if dest.exists() or dest.is_symlink():
                # The old copy moves aside under this process's id; if we are killed before the new
                # one is in place, the next `lep models` command puts it back (_recover_locked).
                aside = _temp_dir(root, "old")
                os.replace(dest, aside / dest.name)
                try:
                    os.replace(item.folder, dest)
                except OSError:
                    os.replace(aside / dest.name, dest)
                    raise
                shutil.rmtree(aside, ignore_errors=True)
                replaced.append(item.plan.pair)
            else:
                os.replace(item.folder, dest)
            pkg = inspect_folder(dest, "lepcli")
            if not isinstance(pkg, ModelPackage):  # cannot happen after check_loads; never report a phantom
                raise ModelError(f"{item.plan.archive.name}: installed folder is not readable")
            installed.append(pkg)
    return InstallReport(installed=installed, replaced=replaced)


# -- remove ------------------------------------------------------------------------------------


def parse_pair(text: str) -> tuple[str, str]:
    """``en->es``, ``en→es``, ``en:es`` or ``en_es`` -> ("en", "es")."""
    for sep in ("->", "→", ":", "_", " "):
        if sep in text:
            left, _, right = text.strip().partition(sep)
            left, right = left.strip(), right.strip()
            if is_code(left) and is_code(right):
                return lep_code(left), lep_code(right)
    raise BadInput(f"not a language pair: {text[:40]!r}", hint="write it like en->es")


@jsonable.shape(order=("pair", "folder", "path", "version", "size_bytes", "broken"))
@dataclass
class RemoveReport:
    pair: str | None
    folder: str
    path: Path
    size_bytes: int
    version: str | None
    broken: bool


def _tree_size(path: Path) -> int:
    total = 0
    for base, _dirs, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(base, name)).st_size
    return total


def remove(pair: str) -> RemoveReport:
    """Remove an installed model by pair (``en->es``), or a broken one by the folder name ``list`` shows."""
    recover()
    packages, broken = scan()
    root = paths.models_dir()
    ours_broken = [b for b in broken if b.origin == "lepcli"]
    by_name = next((b for b in ours_broken if b.name == pair), None)
    target: ModelPackage | BrokenPackage | None = by_name
    if target is None:
        source, dest = parse_pair(pair)
        want = f"{source}->{dest}"
        target = next((p for p in packages if p.pair == want), None)
        if target is None or target.origin != "lepcli":
            target = next((b for b in ours_broken if b.pair == want), target)
        if target is None:
            have = ", ".join(p.pair for p in packages) or "none"
            raise NotFound(f"no model for {want} is installed (installed: {have})", hint="lep models list")
    if target.origin != "lepcli":
        assert isinstance(target, ModelPackage)
        raise NotFound(
            f"{target.pair} was installed by argostranslate in {target.path}; lepcli only removes its own models",
            hint=f"argospm remove translate-{target.from_code}_{target.to_code}",
        )
    size = _tree_size(target.path)
    with _lock(root):
        if not (target.path.exists() or target.path.is_symlink()):
            raise NotFound(f"no model for {target.pair} is installed")
        aside = _temp_dir(root, "remove")
        os.replace(target.path, aside / "package")
        shutil.rmtree(aside, ignore_errors=True)
    is_broken = isinstance(target, BrokenPackage)
    return RemoveReport(
        pair=target.pair,
        folder=target.path.name,
        path=target.path,
        size_bytes=size,
        version=None if isinstance(target, BrokenPackage) else target.version,
        broken=is_broken,
    )


# -- list --------------------------------------------------------------------------------------


@jsonable.shape(
    skip=("models", "pins"),
    extra=[("models", lambda m: [{**jsonable.to_json(p), "required_version": _pin_version(m.pins, p.pair)}
                                 for p in m.models])],  # fmt: skip
    convert={"folders": lambda folders: [{"path": f, "origin": o, "exists": f.is_dir()} for f, o in folders]},
    order=("models", "broken", "folders"),
)
@dataclass
class ModelList:
    models: list[ModelPackage]
    broken: list[BrokenPackage]
    folders: list[tuple[Path, str]]
    pins: dict[str, Any]  # pair -> lepcli.mt.pins.Pin


def _pin_version(pins: dict[str, Any], pair: str) -> str | None:
    pin = pins.get(pair)
    return None if pin is None else str(pin.version)


def listing() -> ModelList:
    from lepcli.mt import pins

    recover()
    models, broken = scan()
    return ModelList(models=models, broken=broken, folders=package_folders(), pins=dict(pins.required()))
