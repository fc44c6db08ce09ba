"""SVG to PDF and PNG without Graphviz: argmap's choices against the candidates.

    python bench/bench_convert.py [--repeat 5] [--out bench/out/convert]

Converts the showcase map's SVG (embedded engine) and a map in Serbian Cyrillic,
Greek and Chinese with every converter that is importable here: argmap's own PDF
writer, and for PNG that PDF rasterised by PDFium (argmap's choices), and, when
installed, resvg-py (argmap's PNG converter before), vl-convert-python,
svg2pdf-py, svglib with reportlab, PyMuPDF and typst. For each it reports the
time of one conversion in a new process (import and fonts included: what a
``argmap render`` pays), the median of --repeat warm conversions, in wall and CPU
time (CPU time is what a shared machine disturbs least), the installed size of the
packages it needs, and, for PDF, whether pypdf extracts the map's words from it
(Latin, Cyrillic, Greek, Chinese). The PDFs and PNGs are written to --out, to be
looked at (``pdftoppm -png`` turns the PDFs into pictures).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = {
    "showcase": ("Stiffening the approach to Serbia", "CONCLUSION", "reconfigured"),
    "non-latin": ("Приштина", "Ελλάδα", "北京认为对话应该继续进行"),
}

CONVERTERS = {
    # name: (format, distributions it needs beyond argmap's core, setup code returning a function of the SVG text)
    "argmap pdf writer": ("pdf", (), "from argmap.draw.pdf import svg_to_pdf\nconvert = lambda svg: svg_to_pdf(svg.encode())"),  # noqa: E501
    "svg2pdf-py": ("pdf", ("svg2pdf-py",), "import svg2pdf_py\n_db = svg2pdf_py.FontDatabase.system()\n"
                   "convert = lambda svg: svg2pdf_py.svg_to_pdf(svg, _db)"),
    "vl-convert (pdf)": ("pdf", ("vl-convert-python",), "import vl_convert\nconvert = lambda svg: bytes(vl_convert.svg_to_pdf(svg))"),  # noqa: E501
    "svglib + reportlab": ("pdf", ("svglib", "reportlab", "lxml", "pillow", "tinycss2", "cssselect2", "webencodings", "charset-normalizer"),  # noqa: E501
                           "import io\nfrom svglib.svglib import svg2rlg\nfrom reportlab.graphics import renderPDF\n"
                           "convert = lambda svg: renderPDF.drawToString(svg2rlg(io.BytesIO(svg.encode())))"),
    "pymupdf": ("pdf", ("pymupdf",), "import pymupdf\n"
                "convert = lambda svg: pymupdf.open(stream=svg.encode(), filetype='svg').convert_to_pdf()"),
    "typst": ("pdf", ("typst",), "import typst, re\n"
              "def convert(svg):\n"
              "    w, h = re.search(r'width=\"([\\d.]+)pt\" height=\"([\\d.]+)pt\"', svg).groups()\n"
              "    src = f'#set page(width: {w}pt, height: {h}pt, margin: 0pt)\\n#image(bytes(sys.inputs.svg), format: \"svg\")'\n"  # noqa: E501
              "    return typst.compile(src.encode(), format='pdf', sys_inputs={'svg': svg})"),
    "argmap pdf + pdfium, 144 dpi": ("png", ("pypdfium2",), "from argmap.draw.raster import svg_to_png\n"
                                    "convert = lambda svg: svg_to_png(svg.encode(), dpi=144)"),
    "argmap pdf + pdfium, default": ("png", ("pypdfium2",), "from argmap.draw.raster import svg_to_png\n"
                                    "convert = lambda svg: svg_to_png(svg.encode())"),
    "resvg-py, 144 dpi": ("png", ("resvg-py",), "import re, resvg_py\n"
                          "def convert(svg):  # one unit a point (resvg reads 1pt as 4/3 px), then 2 px a point\n"
                          "    svg = re.sub(r'(<svg\\b[^>]*?\\swidth=\"[\\d.]+)pt(\"\\s+height=\"[\\d.]+)pt\"', r'\\1\\2\"', svg, count=1)\n"  # noqa: E501
                          "    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=2))"),
    "vl-convert (png)": ("png", ("vl-convert-python",), "import vl_convert\nconvert = lambda svg: bytes(vl_convert.svg_to_png(svg, scale=2))"),  # noqa: E501
}  # fmt: skip

CHILD = """
import sys, time, json
started_wall, started_cpu = time.perf_counter(), time.process_time()
sys.path.insert(0, {root!r})
{setup}
svg = open({svg!r}, encoding="utf-8").read()
data = convert(svg)
first = (time.perf_counter() - started_wall, time.process_time() - started_cpu)
walls, cpus = [], []
for _ in range({repeat}):
    wall, cpu = time.perf_counter(), time.process_time()
    convert(svg)
    walls.append(time.perf_counter() - wall)
    cpus.append(time.process_time() - cpu)
open({out!r}, "wb").write(data)
walls.sort(); cpus.sort()
result = {{"first_wall": first[0], "first_cpu": first[1], "wall": walls[len(walls) // 2], "cpu": cpus[len(cpus) // 2]}}
print(json.dumps(result))
"""


def installed_mb(distributions: tuple[str, ...]) -> float | None:
    """Megabytes the distributions' files take, from their RECORD; None if one is missing."""
    total = 0
    for name in distributions:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            return None
        total += sum(os.path.getsize(f.locate()) for f in files if os.path.exists(f.locate()))
    return total / 1e6


def extracted(pdf: Path, words: tuple[str, ...]) -> str:
    try:
        import pypdf
    except ImportError:
        return "?"
    text = " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages
    )
    found = sum(word in text for word in words)
    return f"{found}/{len(words)}"


def svgs(out: Path) -> dict[str, Path]:
    import argmap
    from argmap.draw import render
    from tests.draw.samples import non_latin

    maps = {"showcase": argmap.load(ROOT / "maps" / "serwer-2023-serbia.arg"), "non-latin": non_latin()}
    paths = {}
    for name, m in maps.items():
        paths[name] = out / f"{name}.svg"
        paths[name].write_bytes(render(m, "svg", engine="embedded"))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "convert")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"load average at the start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    sources = svgs(args.out)
    print(
        "| converter | format | installed MB | first run s (CPU s) | warm s (CPU s) | words extracted: showcase, non-Latin |"  # noqa: E501
    )
    print("|---|---|---:|---:|---:|---|")
    for name, (format, needs, setup) in CONVERTERS.items():
        size = installed_mb(needs)
        if size is None:
            continue
        results, checks = {}, []
        for label, svg in sources.items():
            out = args.out / f"{label}--{name.replace(' ', '-').replace('(', '').replace(')', '')}.{format}"
            code = CHILD.format(root=str(ROOT), setup=setup, svg=str(svg), repeat=args.repeat, out=str(out))
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
            if done.returncode != 0:
                results[label] = None
                checks.append("failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:80])
                continue
            results[label] = json.loads(done.stdout)
            checks.append(extracted(out, WORDS[label]) if format == "pdf" else "-")
        show = results.get("showcase")
        timing = (
            f"{show['first_wall']:.2f} ({show['first_cpu']:.2f}) | {show['wall']:.3f} ({show['cpu']:.3f})"
            if show
            else "- | -"
        )
        print(f"| {name} | {format} | {size:.1f} | {timing} | {', '.join(checks)} |")
    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
