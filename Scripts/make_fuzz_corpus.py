"""Writes the fuzzers' seed corpora, Fuzz/Corpus/<format>/: small valid files of every format Latent reads; and
the hand-made hostile files of Fuzz/Regressions/<format>/ (beside the crash inputs the fuzzers saved), one for each
defect found by hand and for limits that a fuzzer would not reach.

Python's standard library only; the JPEG seeds beyond the test fixtures use libjpeg-turbo's `cjpeg` and
`jpegtran` (Debian package libjpeg-turbo-progs) when they are installed, and the PyTorch seeds are the test
fixtures that Scripts/make_torch_file_fixtures.py writes. Run from the repository root:
    python3 Scripts/make_fuzz_corpus.py
"""
import gzip
import io
import json
import os
import shutil
import struct
import subprocess
import tarfile
import zipfile
import zlib

ROOT = os.path.join("Fuzz", "Corpus")


def write(fmt, name, data, root=ROOT):
    folder = os.path.join(root, fmt)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as file:
        file.write(data)


def safetensors(tensors, metadata=None):
    """A safetensors file: tensors is a list of (name, dtype, shape, raw bytes)."""
    header, offset = {}, 0
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(raw for *_, raw in tensors)


def fnv1a64(data):
    """The 64-bit FNV-1a hash, as checkpoint manifests record it."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) % (1 << 64)
    return value


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width, height, depth, colour, rows, extra=b"", interlace=0):
    """A PNG file whose (already filtered) scanlines are `rows`."""
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + extra
            + png_chunk(b"IDAT", zlib.compress(rows)) + png_chunk(b"IEND", b""))


def plain_rows(pixels, width, height, bytes_per_pixel):
    stride = width * bytes_per_pixel
    return b"".join(b"\x00" + pixels[y * stride:(y + 1) * stride] for y in range(height))


def adam7_rows(pixels, width, height):
    """The scanlines of an interlaced 8-bit grey image: seven passes, each row behind filter byte 0."""
    out = b""
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
        for y in range(y0, height, dy):
            row = bytes(pixels[y * width + x] for x in range(x0, width, dx))
            if row:
                out += b"\x00" + row
    return out


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    floats = struct.pack("<4f", 1.0, -2.5, 0.0, 3.25)

    write("safetensors", "state-dict.safetensors", safetensors([
        ("conv.weight", "F32", [2, 2], floats), ("bn.num_batches_tracked", "I64", [], struct.pack("<q", 7)),
        ("image", "U8", [3], b"\x00\x7f\xff"), ("mean", "F64", [1], struct.pack("<d", 0.5)),
        ("index", "I32", [2], struct.pack("<2i", -1, 2)), ("empty", "F32", [0, 3], b"")],
        {"format": "pt"}))
    write("safetensors", "optimizer.safetensors", safetensors([
        ("step", "I64", [], struct.pack("<q", 3)), ("weight.exp_avg", "F32", [4], floats)],
        {"optimizer": "Adam", "learning_rate": "0.001"}))

    write("statistics", "statistics.safetensors", safetensors([
        ("mu", "F64", [2], struct.pack("<2d", 0.25, -1.0)), ("sigma", "F64", [2, 2], struct.pack("<4d", 1, 0.5, 0.5, 2))],
        {"count": "10"}))

    # The file that Fuzz/Sources/FuzzHarness/ScratchFiles.swift saves beside the manifest: a Linear(2, 2) with
    # weight [[1, 2], [3, 4]] and bias [5, 6], as Latent's safetensors writer lays it out.
    model = safetensors([("weight", "F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), ("bias", "F32", [2], struct.pack("<2f", 5, 6))])
    manifest = {
        "format": "latent-checkpoint", "version": 1, "step": 12, "epoch": 1,
        "random": {"global": ["0x0123456789abcdef", "0x1", "0x2", "0xfedcba9876543210"]},
        "metadata": {"model": "dcgan-mnist"},
        "files": [{"name": "model", "kind": "module", "file": "model.safetensors", "bytes": len(model),
                   "fnv1a64": "0x%016x" % fnv1a64(model)}],
    }
    write("checkpoint", "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())

    for name in ["state-dict-zip.pt", "state-dict-legacy.pt", "module-jit.pt"]:
        with open(os.path.join("Tests", "LatentDataTests", "Fixtures", "torch", name), "rb") as file:
            write("torch", name, file.read())
    # The same state dict with deflate-compressed entries (PyTorch stores them uncompressed), for the inflater.
    buffer = io.BytesIO()
    with zipfile.ZipFile(os.path.join("Tests", "LatentDataTests", "Fixtures", "torch", "state-dict-zip.pt")) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), source.read(info), zipfile.ZIP_DEFLATED)
    write("torch", "state-dict-deflated.pt", buffer.getvalue())

    grey = bytes((7 * i) % 256 for i in range(64))
    write("png", "grey.png", png(4, 3, 8, 0, plain_rows(grey, 4, 3, 1)))
    write("png", "rgb.png", png(3, 2, 8, 2, plain_rows(grey, 3, 2, 3)))
    write("png", "rgba16.png", png(2, 2, 16, 6, plain_rows(grey, 2, 2, 8)))
    palette = png_chunk(b"PLTE", bytes(range(12))) + png_chunk(b"tRNS", b"\x80\xff")
    write("png", "palette.png", png(2, 2, 8, 3, b"\x00\x00\x01\x00\x02\x03", palette))
    write("png", "interlaced.png", png(8, 8, 8, 0, adam7_rows(grey, 8, 8), interlace=1))

    for name in ["colour.jpg", "grey.jpg"]:
        with open(os.path.join("Tests", "LatentDataTests", "Fixtures", name), "rb") as file:
            write("jpeg", name, file.read())
    if shutil.which("cjpeg") and shutil.which("jpegtran"):
        ppm = b"P6\n8 8\n255\n" + bytes((11 * i) % 256 for i in range(192))
        progressive = subprocess.run(["cjpeg", "-progressive", "-quality", "80"], input=ppm, capture_output=True, check=True).stdout
        write("jpeg", "progressive.jpg", progressive)
        write("jpeg", "restart.jpg", subprocess.run(["cjpeg", "-restart", "1", "-sample", "1x1"], input=ppm, capture_output=True, check=True).stdout)
        write("jpeg", "arithmetic.jpg", subprocess.run(["jpegtran", "-arithmetic"], input=progressive, capture_output=True, check=True).stdout)

    images = struct.pack(">4I", 2051, 2, 3, 3) + bytes(range(18))
    labels = struct.pack(">2I", 2049, 3) + b"\x00\x05\x09"
    write("idx", "images.idx", images)
    write("idx", "labels.idx", labels)
    write("idx", "images.idx.gz", gzip.compress(images, mtime=0))
    write("idx", "labels.idx.gz", gzip.compress(labels, mtime=0))

    write("cifar10", "batch.bin", b"\x03" + bytes(i % 256 for i in range(3072)) + b"\x09" + bytes(3072))

    for fmt, name in [(tarfile.USTAR_FORMAT, "ustar.tar"), (tarfile.GNU_FORMAT, "gnu.tar"), (tarfile.PAX_FORMAT, "pax.tar")]:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w", format=fmt) as archive:
            folder = tarfile.TarInfo("cifar-10-batches-bin")
            folder.type = tarfile.DIRTYPE
            archive.addfile(folder)
            long_name = "cifar-10-batches-bin/" + "long-" * 24 + "name.bin" if fmt != tarfile.USTAR_FORMAT else "cifar-10-batches-bin/data_batch_1.bin"
            for path, data in [("cifar-10-batches-bin/readme.html", b"<p>CIFAR-10</p>"), (long_name, bytes(range(40)))]:
                info = tarfile.TarInfo(path)
                info.size, info.mtime = len(data), 0
                archive.addfile(info, io.BytesIO(data))
            link = tarfile.TarInfo("cifar-10-batches-bin/link")
            link.type, link.linkname = tarfile.SYMTYPE, "../../etc/passwd"
            archive.addfile(link)
        # Without the zero padding to tar's 10 KiB records: the entries and the two-block end marker.
        entries = buffer.getvalue().rstrip(b"\0")
        write("tar", name, entries + b"\0" * (-len(entries) % 512 + 1024))

    write("config", "config.yaml", b"""model: dcgan-mnist
dataset: mnist
epochs: 5
steps: null
batch_size: 128
seed: 0
threads: 2
checkpoint_every_steps: 500
keep_checkpoints: 3
data_dir: "data/\\"mnist\\""
sample_every_epochs: 5
eval_every_epochs: null
learning_rates:
  discriminator: 0.0002
  generator: 0.0002
model_options:
  latent_size: 100
""")
    write("config", "partial.yaml", b"# a --config file\nepochs: 2\nlearning_rates:\n  generator: 1e-4\n\nmodel_options:\n  hidden_size: 64\n")

    write("metrics", "metrics.jsonl", b"""{"step":1,"epoch":0,"loss_d":1.386,"loss_g":0.693,"lr":0.0002}
{"step":2,"epoch":0,"loss_d":null,"loss_g":-1.5e-3}
{"step":2,"event":"resumed"}
{"step":3,"epoch":1,"fid":12.5,"note":"caf\\u00e9","nested":{"a":[1,2]},"ok":true}
{"step":4,"epoch":1,"loss_d":0.9
""")


def pickle_string(text):
    return b"X" + struct.pack("<I", len(text)) + text.encode()


def pickle_integers(values):
    return b"(" + b"".join(b"\x8a\x08" + struct.pack("<q", value) for value in values) + b"t"


def state_dict_pickle(elements, shape, strides):
    """{"weight": _rebuild_tensor_v2(FloatStorage "0" of `elements` elements, 0, shape, strides, False, OrderedDict())}."""
    storage = (b"(" + pickle_string("storage") + b"ctorch\nFloatStorage\n" + pickle_string("0") + pickle_string("cpu")
               + b"\x8a\x08" + struct.pack("<q", elements) + b"tQ")
    tensor = (b"ctorch._utils\n_rebuild_tensor_v2\n(" + storage + pickle_integers([0]) [1:-1] + pickle_integers(shape)
              + pickle_integers(strides) + b"\x89ccollections\nOrderedDict\n)R" + b"tR")
    return b"\x80\x02}" + pickle_string("weight") + tensor + b"s."


def torch_zip(pickle, storage, deflate=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [("archive/data.pkl", pickle), ("archive/byteorder", b"little"), ("archive/data/0", storage)]:
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)
    return buffer.getvalue()


def jpeg_segments(data):
    """The (marker, bytes) of each segment of a JPEG file after SOI, a scan with its entropy-coded data."""
    out, i = [], 2
    while data[i + 1] != 0xD9:
        marker, end = data[i + 1], i + 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
        out.append((marker, data[i:end]))
        i = end
    return out


def many_scans_jpeg():
    """A valid grey 8x8 progressive JPEG of 316 scans: each AC coefficient in five successive-approximation scans.
    jpegtran writes at most 100 scans a file, so four files, each a complete progression of some coefficients,
    are spliced: the first whole, the others' scans (and their Huffman tables) after their DC scan."""
    ppm = b"P5\n8 8\n255\n" + bytes((37 * i) % 256 for i in range(64))
    base = subprocess.run(["cjpeg", "-grayscale"], input=ppm, capture_output=True, check=True).stdout
    out = b"\xff\xd8"
    for first in range(1, 64, 17):
        script = ["0: 0 0 0 0;"]
        for k in range(first, min(first + 17, 64)):
            script += ["0: %d %d 0 4;" % (k, k)] + ["0: %d %d %d %d;" % (k, k, a, a - 1) for a in range(4, 0, -1)]
        with open("scans.txt", "w") as file:
            file.write("\n".join(script) + "\n")
        segments = jpeg_segments(subprocess.run(["jpegtran", "-scans", "scans.txt"], input=base, capture_output=True, check=True).stdout)
        os.remove("scans.txt")
        if first == 1:
            out += b"".join(segment for _, segment in segments)
        else:
            dc = next(i for i, (marker, _) in enumerate(segments) if marker == 0xDA)
            out += b"".join(segment for marker, segment in segments[dc + 1:] if marker in (0xC4, 0xDA, 0xDD))
    return out + b"\xff\xd9"


def hostile():
    """The files of issue 14's defects, each refused with an error now."""
    root = os.path.join("Fuzz", "Regressions")
    floats = struct.pack("<4f", 1, 2, 3, 4)
    # 2^62 + 4 elements of 4 bytes wrap to the 16 bytes the storage holds; the copy read 4 MiB.
    write("torch", "storage-count-overflow.pth", torch_zip(state_dict_pickle((1 << 62) + 4, [1 << 20], [1]), floats), root)
    # A view of 2^40 elements repeating one element (stride 0): 4 TiB from 16 bytes.
    write("torch", "repeating-view.pth", torch_zip(state_dict_pickle(4, [1 << 40], [0]), floats), root)
    # A deflated entry announcing 4 GiB - 2 bytes, allocated before inflating.
    archive = bytearray(torch_zip(state_dict_pickle(4, [4], [1]), floats, deflate=True))
    directory = archive.index(b"PK\x01\x02")
    archive[directory + 24:directory + 28] = struct.pack("<I", 0xFFFFFFFE)
    write("torch", "deflate-size-lie.pth", bytes(archive), root)
    # A base-256 tar size whose bits wrapped to a negative Int.
    header = bytearray(tarfile.TarInfo("x.bin").tobuf(tarfile.GNU_FORMAT))
    header[124:136] = b"\xff" * 12
    header[148:156] = b" " * 8
    header[148:155] = b"%06o\0" % sum(header)
    write("tar", "base256-size-overflow.tar", bytes(header) + b"\0" * 1024, root)
    # More progressive scans than the limit (each one a pass over the whole image when decoding).
    if shutil.which("cjpeg") and shutil.which("jpegtran"):
        write("jpeg", "too-many-scans.jpg", many_scans_jpeg(), root)
    # No bytes, but strides of 4 x 2^62 values, which overflowed when the tensor was made.
    write("safetensors", "empty-tensor-overflowing-strides.safetensors", safetensors([
        ("a", "F32", [2], floats[:8]), ("z", "F32", [0, 1 << 62, 4], b"")]), root)


if __name__ == "__main__":
    main()
    hostile()
