"""Assets: the theme's static files, bundled and fingerprinted. Templates ask for
`asset('css/main.css')` and get 'theme/css/main.<hash>.css'. Replaces Pelican's copy of the
theme's static folder (THEME_STATIC_PATHS is empty in pelicanconf.py)."""

import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .bundle import collect

CONTEXT_KEY = "ASSETS"


def _manifest(context, settings):
    assets = context.get(CONTEXT_KEY)
    if assets is None:
        static_dir = Path(settings["THEME"]) / "static"
        assets = collect(static_dir, settings["ASSETS_CSS_ENTRY_POINTS"])
        context[CONTEXT_KEY] = assets
    return assets


def install_asset_global(generator):
    assets = _manifest(generator.context, generator.settings)
    prefix = generator.settings["THEME_STATIC_DIR"]

    def asset(name):
        return f"{prefix}/{assets[name].output}"

    generator.env.globals["asset"] = asset


class AssetsGenerator(Generator):
    def generate_output(self, writer):
        prefix = self.settings["THEME_STATIC_DIR"]
        for asset in _manifest(self.context, self.settings).values():
            path = os.path.join(self.output_path, prefix, asset.output)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(asset.content)


def add_generator(pelican):
    return AssetsGenerator


def register():
    signals.generator_init.connect(install_asset_global)
    signals.get_generators.connect(add_generator)
