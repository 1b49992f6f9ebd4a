"""The site's tools, apart from the build stages: the safe build, the preview server,
scaffolding and reports, behind one command (`python -m rart_tools`, which the Makefile's
targets run):

    build      check every content file, then build into a new folder that replaces output/
    check      check every content file, build nothing
    serve      preview on localhost: rebuild on every save, reload the page
    edit       the same preview, with the browser editor at /admin/ writing into content/
    new        a new content file from its type's template (archetypes/)
    translate  a translation's stub next to its original
    todo       what editors still have to fill in
    status     per language: interface strings, editors' messages, content, stale translations
"""
