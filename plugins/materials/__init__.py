"""Materials: downloads are processed, not copied. Every file Pelican would publish from a
static folder (content/materiali/, or linked with {static}) goes through here, except images,
which the images plugin publishes as clean derivatives:

- a file outside content/ (through a symbolic link) is refused and never read;
- the file is judged by its bytes and its name (rart.materials): PDF, DOCX, ODT and plain text
  pass; HTML, JavaScript, SVG, hidden files and anything else are refused with a message;
- what passes is published as a clean copy: PDF through pikepdf (pdf.py), DOCX and ODT rewritten
  part by part (office.py), text as it is; the copies are cached by content (cache/materials/)
  and the same file always gives the same bytes;
- templates get context["MATERIALS"], a registry of every download (rart.materials.Download):
  label per language, language, kind, size, URL (docs/architecture.md).

The validator refuses the same files first, with the same messages; this is the guarantee for
a run that skipped it.
"""

from pelican import signals

from .site import process


def register():
    # Once every generator has read its files (StaticGenerator last) and before anything is
    # written: the output folder is already clean, and Pelican copies statics only later.
    signals.all_generators_finalized.connect(process)
