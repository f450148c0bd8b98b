"""Rectification notices: perfxl's compiled renderer against naive docxtpl, and PDF in one LibreOffice start.

1. N notices (default 500) from checked sample self-assessments, same contexts both ways, wall time incl. writing:
   - perfxl: `perfxl.outputs.documents.render` — the template is patched and compiled once, each document is one jinja
     render of its XML and a zip written from precompressed parts;
   - naive:  per document DocxTemplate(template) → render(autoescape) → save, as docxtpl's documentation does it.
   Target: naive / perfxl ≥ 5.
2. PDF: the N .docx through perfxl.outputs.documents.to_pdf — one soffice start per PDF_BATCH (200) documents, since
   LibreOffice silently stops after about 245 files in one start — against one soffice start per file,
   measured on the first K files (default 10) and extrapolated to N (said in the output). Needs LibreOffice.
Usage: python bench/documents.py [N] [K]     (python bench/documents.py 500 10)
"""

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from docxtpl import DocxTemplate

from perfxl import api
from perfxl.domain import FormKind
from perfxl.forms.write.libreoffice import convert, find_soffice
from perfxl.outputs.documents import notice_context, render, to_pdf
from perfxl.outputs.documents.render import PDF_BATCH, environment
from perfxl.outputs.documents.settings import document_number, rectification_deadline
from perfxl.outputs.documents.templates import build_template
from perfxl.samples import generate_forms


def contexts(n: int) -> list[dict]:
    issued = date(2026, 12, 7)
    deadline = rectification_deadline(issued)
    forms = generate_forms(n, seed=2024, kinds=[FormKind.PROJECT_SELFEVAL], fault_share=0.8)
    return [notice_context(api.check(form), number=document_number(None, 2026, i), issued=issued, deadline=deadline)
            for i, form in enumerate(forms, 1)]


def main(n: int = 500, k: int = 10) -> None:
    items = contexts(n)
    problems = sum(len(c["problems"]) for c in items)
    print(f"{n} 整改通知书 ({problems} problems in all), wall time incl. writing the files\n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fast_dir, naive_dir = root / "perfxl", root / "naive"
        naive_dir.mkdir()
        template_path = root / "整改通知.docx"
        template_path.write_bytes(build_template("整改通知"))

        start = time.perf_counter()
        written = [render("整改通知", c, fast_dir / f"{i:04d}.docx") for i, c in enumerate(items)]
        fast = time.perf_counter() - start

        env = environment()
        start = time.perf_counter()
        for i, c in enumerate(items):
            doc = DocxTemplate(str(template_path))
            doc.render(c, env, autoescape=True)
            doc.save(naive_dir / f"{i:04d}.docx")
        naive = time.perf_counter() - start
        ratio = naive / fast
        print(f"{'perfxl (compiled once)':<28}{fast:8.2f} s  {fast / n * 1000:7.2f} ms/doc")
        print(f"{'naive docxtpl per document':<28}{naive:8.2f} s  {naive / n * 1000:7.2f} ms/doc")
        print(f"ratio naive / perfxl: {ratio:.1f}×  (target ≥ 5×) {'OK' if ratio >= 5 else 'BELOW TARGET'}\n")

        if find_soffice() is None:
            print("LibreOffice not installed: PDF part skipped")
            return
        start = time.perf_counter()
        to_pdf(written, root / "pdf_batch")
        batch = time.perf_counter() - start
        k = min(k, n)
        start = time.perf_counter()
        for path in written[:k]:
            convert([path], root / "pdf_single", "pdf")
        single = (time.perf_counter() - start) / k
        starts = -(-n // PDF_BATCH)
        print(f"PDF, {n} documents in {starts} LibreOffice start(s) of ≤ {PDF_BATCH}: {batch:8.1f} s  {batch / n:6.3f} s/doc")
        print(f"PDF, one soffice start per file (measured on {k}, extrapolated to {n}): {single * n:8.1f} s  "
              f"{single:6.3f} s/doc")
        print(f"ratio per-file / batched: {single * n / batch:.1f}×")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
