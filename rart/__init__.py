"""The site's facts, once, with no Pelican import.

What a language is and which one is the default (languages), how a file name gives a key and
a language (naming), which folder holds which content type (types), where every item and
listing is published (addresses), how links and images in content resolve (links, images),
what front matter each type takes (contract, frontmatter), and how a problem is told to an
editor (problems, messages). The validator, the Pelican plugins, the tools and the tests all
ask this package; none of them computes these facts again. `Site.from_settings` (site.py)
reads them from Pelican's settings dictionary, which pelicanconf.py fills.
"""
