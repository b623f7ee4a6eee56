"""Argos Translate packages: find the installed ones, and install new ones safely.

An ``.argosmodel`` file is a zip holding one top folder with ``metadata.json``,
``sentencepiece.model`` and ``model/`` (a CTranslate2 model). Installing one here means:
validate every member name and size before extracting anything, extract into a temporary
folder inside the models folder, check the layout and that CTranslate2 and SentencePiece load
it, then rename it into place under a lock. Any error removes the temporary folder, so a
hostile or corrupt file leaves nothing behind and never touches an installed package.

Discovery of installed packages lives in lepcli.mt.installed (cheap, used at every ``lep lang``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from lepcli import paths
from lepcli.errors import BadInput, LepError, ModelError, NotFound, OutputExists, Unavailable
from lepcli.mt.installed import (
    _CODE,
    MAX_METADATA_BYTES,
    ModelPackage,
    _from_folder,
    check_metadata,
    discover,
    lep_code,
    package_folders,
    read_metadata,
)

SUFFIX = ".argosmodel"

# Published Argos packages are 40-250 MB zipped; these limits leave room and stop zip bombs.
MAX_ARCHIVE_BYTES = 1 << 30  # 1 GiB on disk
MAX_UNPACKED_BYTES = 3 << 30  # 3 GiB once extracted (all members together)
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # uncompressed/compressed for any member over 1 MiB (model.bin compresses ~1.1x)
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
            if total > MAX_UNPACKED_BYTES:
                raise ModelError(f"{name}: unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
            if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(1, info.compress_size):
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
            data = json.loads(zf.read(meta_info).decode("utf-8"))
        except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError, ValueError, NotImplementedError):
            raise ModelError(f"{name}: metadata.json is corrupt or not valid JSON") from None
        meta = check_metadata(data, where=f"{name}: metadata.json")
    return ArchivePlan(archive=archive, top=top, members=infos, metadata=meta, unpacked_bytes=total)


def _check_layout(files: set[str], *, where: str) -> None:
    """The files a package must hold (names relative to its top folder)."""
    if "metadata.json" not in files:
        raise ModelError(f"{where}: no metadata.json in the package folder (not an Argos package?)")
    if "sentencepiece.model" not in files:
        if "bpe.model" in files:
            raise ModelError(f"{where}: a BPE-tokenized package; lepcli reads SentencePiece packages only")
        raise ModelError(f"{where}: no sentencepiece.model in the package folder")
    for needed in ("model/model.bin", "model/config.json"):
        if needed not in files:
            raise ModelError(f"{where}: no {needed} (the CTranslate2 model) in the package folder")
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


def check_loads(folder: Path, *, where: str) -> None:
    """Prove that SentencePiece and CTranslate2 load the package; raise ModelError if not."""
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    _check_layout(files, where=where)
    read_metadata(folder)
    try:
        import ctranslate2
        import sentencepiece
    except ImportError:
        raise Unavailable(
            "machine translation needs the 'mt' extra", hint="pip install 'lepcli[mt]' (ctranslate2, sentencepiece)"
        ) from None
    try:
        sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    except Exception:
        raise ModelError(f"{where}: sentencepiece.model does not load (corrupt?)") from None
    try:
        ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    except Exception:
        raise ModelError(f"{where}: model/ does not load in CTranslate2 (corrupt or unsupported)") from None


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


@dataclass
class _Staged:
    plan: ArchivePlan
    staging: Path  # .install-XXXX folder in the models folder
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
class InstallReport:
    installed: list[ModelPackage]
    replaced: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"installed": [p.to_json() for p in self.installed], "replaced": self.replaced}

    def to_view(self) -> Any:
        from lepcli.cli import render as output

        view = output.View()
        view.add(output.Title(f"Installed {len(self.installed)} model(s)"))
        view.add(output.Table(*_model_table(self.installed)))
        if self.replaced:
            view.add(output.Note("replaced " + ", ".join(self.replaced), tone="warn", label="note"))
        view.add(
            output.Note(
                "machine translations are labelled MACHINE TRANSLATION: verify; legal content still goes to an"
                " interpreter",
                tone="muted",
            )
        )
        return view


def _model_table(packages: list[ModelPackage]) -> tuple[list[str], list[list[str]]]:
    rows = [[p.pair, p.version or "-", f"{p.size_bytes() / 1e6:.1f} MB", p.origin, str(p.path)] for p in packages]
    return ["pair", "version", "size", "installed by", "folder"], rows


def install(path: Path, *, force: bool = False) -> InstallReport:
    """Install one .argosmodel file or every one in a folder: all of them, or (on any error) none."""
    archives = archives_in(Path(path).expanduser())
    plans = [inspect_archive(a) for a in archives]
    pairs: dict[str, Path] = {}
    for plan in plans:
        if plan.pair in pairs:
            raise BadInput(f"{plan.archive.name} and {pairs[plan.pair].name} are both {plan.pair}; install one")
        pairs[plan.pair] = plan.archive
    root = paths.ensure_dir(paths.models_dir())
    for plan in plans:  # early, friendly check; repeated under the lock below
        _refuse_existing(root / plan.folder_name, plan, force)
    staged: list[_Staged] = []
    try:
        for plan in plans:
            staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            item = _Staged(plan, staging, staging / plan.folder_name)
            staged.append(item)
            item.folder.mkdir()
            _extract(plan, item.folder)
            check_loads(item.folder, where=plan.archive.name)
        return _commit(root, staged, force=force)
    finally:
        for item in staged:
            shutil.rmtree(item.staging, ignore_errors=True)


def _refuse_existing(dest: Path, plan: ArchivePlan, force: bool) -> None:
    if dest.exists() and not force:
        raise OutputExists(
            f"a model for {plan.pair} is already installed ({dest})",
            hint="add --force to replace it",
        )


def _commit(root: Path, staged: list[_Staged], *, force: bool) -> InstallReport:
    replaced: list[str] = []
    installed: list[ModelPackage] = []
    with _lock(root):
        _sweep_except(root, staged)
        for item in staged:
            _refuse_existing(root / item.plan.folder_name, item.plan, force)
        for item in staged:
            dest = root / item.plan.folder_name
            if dest.exists():
                old = Path(tempfile.mkdtemp(prefix=".old-", dir=root))
                os.replace(dest, old / "package")
                try:
                    os.replace(item.folder, dest)
                except OSError:
                    os.replace(old / "package", dest)
                    raise
                shutil.rmtree(old, ignore_errors=True)
                replaced.append(item.plan.pair)
            else:
                os.replace(item.folder, dest)
            pkg = _from_folder(dest, "lepcli")
            if pkg is None:  # cannot happen after check_loads; never report a phantom install
                raise ModelError(f"{item.plan.archive.name}: installed folder is not readable")
            installed.append(pkg)
    return InstallReport(installed=installed, replaced=replaced)


def _sweep_except(root: Path, staged: list[_Staged]) -> None:
    keep = {item.staging.name for item in staged}
    now = time.time()
    for entry in root.iterdir():
        if entry.name in keep or not entry.is_dir():
            continue
        with contextlib.suppress(OSError):
            if entry.name.startswith(".old-") or (
                entry.name.startswith(".install-") and now - entry.stat().st_mtime > 6 * 3600
            ):
                shutil.rmtree(entry, ignore_errors=True)


# -- remove ------------------------------------------------------------------------------------


def parse_pair(text: str) -> tuple[str, str]:
    """``en->es``, ``en→es``, ``en:es`` or ``en_es`` -> ("en", "es")."""
    for sep in ("->", "→", ":", "_", " "):
        if sep in text:
            left, _, right = text.strip().partition(sep)
            left, right = left.strip(), right.strip()
            if _CODE.match(left) and _CODE.match(right):
                return lep_code(left), lep_code(right)
    raise BadInput(f"not a language pair: {text[:40]!r}", hint="write it like en->es")


@dataclass
class RemoveReport:
    removed: ModelPackage
    size_bytes: int

    def to_json(self) -> dict[str, Any]:
        data = self.removed.to_json()
        data["size_bytes"] = self.size_bytes
        return {"removed": data}

    def to_view(self) -> Any:
        from lepcli.cli import render as output

        return output.View().add(
            output.Note(
                f"{self.removed.pair} ({self.size_bytes / 1e6:.1f} MB) from {self.removed.path}",
                label="removed",
                tone="ok",
            )
        )


def remove(pair: str) -> RemoveReport:
    source, target = parse_pair(pair)
    packages = discover()
    match = next((p for p in packages if (p.source, p.target) == (source, target)), None)
    if match is None:
        have = ", ".join(p.pair for p in packages) or "none"
        raise NotFound(f"no model for {source}->{target} is installed (installed: {have})", hint="lep models list")
    if match.origin != "lepcli":
        raise NotFound(
            f"{match.pair} was installed by argostranslate in {match.path}; lepcli only removes its own models",
            hint=f"argospm remove translate-{match.from_code}_{match.to_code}",
        )
    root = paths.models_dir()
    size = match.size_bytes()
    with _lock(root):
        if not match.path.exists():
            raise NotFound(f"no model for {match.pair} is installed")
        old = Path(tempfile.mkdtemp(prefix=".old-", dir=root))
        os.replace(match.path, old / "package")
        shutil.rmtree(old, ignore_errors=True)
    return RemoveReport(removed=match, size_bytes=size)


# -- list --------------------------------------------------------------------------------------


@dataclass
class ModelList:
    models: list[ModelPackage]
    folders: list[tuple[Path, str]]

    def to_json(self) -> dict[str, Any]:
        return {
            "models": [p.to_json() for p in self.models],
            "folders": [{"path": str(f), "origin": o, "exists": f.is_dir()} for f, o in self.folders],
        }

    def to_view(self) -> Any:
        from lepcli.cli import render as output

        view = output.View()
        view.add(output.Title("Offline translation models", f"looked in {', '.join(str(f) for f, _ in self.folders)}"))
        if self.models:
            view.add(output.Table(*_model_table(self.models)))
        else:
            view.add(
                output.Note(
                    f"none installed: lep models install FILE{SUFFIX} (or lep models download LANG, which goes online)",
                    tone="warn",
                )
            )
        return view


def listing() -> ModelList:
    return ModelList(models=discover(), folders=package_folders())
