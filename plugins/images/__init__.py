"""Images: every image the content refers to (Markdown images, Image: and Logo: in front
matter) through one Pillow pipeline, responsive, light and stripped of metadata; and a share
card for every page in its language. Settings: the "Images" block of pelicanconf.py;
developers' guide: docs/images.md."""

from pelican import signals

from .site import CardsGenerator, check_environment, forget_missing_images, prefetch, process


def register():
    # Fail before reading any content on a machine without AVIF, raqm or fonts for Arabic.
    signals.initialized.connect(check_environment)
    # After the content generators have collected {static} links, before StaticGenerator
    # reads the linked files.
    signals.article_generator_finalized.connect(forget_missing_images)
    signals.page_generator_finalized.connect(forget_missing_images)
    # As each file is read: its share card can be drawn in a worker process while Pelican
    # reads the others and writes the site (only a guess, which speeds the build up when
    # the i18n plugin has completed the metadata first, and changes nothing otherwise).
    signals.article_generator_context.connect(prefetch)
    signals.page_generator_context.connect(prefetch)
    # Once every generator has read its files (StaticGenerator last, so {static} images are
    # known) and before anything is written: content HTML can still change, and the output
    # directory has already been cleaned.
    signals.all_generators_finalized.connect(process)
    # Among the writers: waits for the cards drawn in the background and publishes them.
    signals.get_generators.connect(cards_generator)


def cards_generator(pelican):
    return CardsGenerator
